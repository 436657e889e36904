// `GUARD_BASELINE=<folder> npx tsx bench/guard/toxicity-cost.ts`: the default input policy's toxicity rule,
// old (the baseline folder as for policy-latency.ts) and new side by side in one process, on the latency
// bench's 1 KB texts. Before each timed call the memos are emptied and the prompt tasks score the text
// (untimed), as in the policy, where toxicity reads its pieces from their scan. CPU µs per KB, fastest of
// LATENCY_REPEATS per text, versions alternating (each first in every other repeat). Prints the medians,
// the ratio of the sums (new over old) and the SHOW texts slowest in the old version.
import * as current from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof current;
const texts = latencyTexts();
const repeats = Number(process.env.LATENCY_REPEATS ?? 9);
const show = Number(process.env.SHOW ?? 10);
if (!process.env.GUARD_BASELINE) throw new Error('Set GUARD_BASELINE to a folder holding the older src.');
const old = (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard;

function versionOf(guard: Guard) {
  const rules = guard.createGuardPolicy().rules;
  const tasks = rules.find((rule) => rule.name === 'injection');
  const toxicity = rules.find((rule) => rule.name === 'toxicity');
  if (!tasks || !toxicity) throw new Error('the default policy has no injection or toxicity rule');
  return (text: string) => {
    guard.clearGuardMemos();
    tasks.scan(text, { direction: 'input' });
    const start = process.cpuUsage();
    toxicity.scan(text, { direction: 'input' });
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1024) / text.length;
  };
}

const versions = [versionOf(old), versionOf(current)];
for (let pass = 0; pass < 2; pass++) for (const run of versions) for (const text of texts) run(text);
const best = versions.map(() => texts.map(() => Infinity));
for (let r = 0; r < repeats; r++)
  for (const v of r % 2 ? [1, 0] : [0, 1])
    texts.forEach((text, i) => {
      best[v][i] = Math.min(best[v][i], versions[v](text));
    });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
process.stdout.write(
  `${texts.length} texts, fastest of ${repeats}: median µs/KB old ${median(best[0]).toFixed(1)}, new ${median(best[1]).toFixed(1)}; sum new/old ${(sum(best[1]) / sum(best[0])).toFixed(3)}\n`,
);
const slowest = texts.map((_, i) => i).sort((a, b) => best[0][b] - best[0][a]);
for (const i of slowest.slice(0, show))
  process.stdout.write(
    `#${i} ${best[0][i].toFixed(0)} → ${best[1][i].toFixed(0)} ${JSON.stringify(texts[i].slice(0, 60))}\n`,
  );
