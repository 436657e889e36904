// `GUARD_BASELINE=<folder> npx tsx bench/guard/tagger-cost.ts`: the default input policy's name/address
// tagger rule (pii, PERSON and STREET_ADDRESS, flag only), old and new side by side in one process (the
// baseline folder as for policy-latency.ts), on the latency bench's 1 KB texts. Before each timed call the
// whole policy checks the text (untimed; TAGGER_BEFORE=none skips it), as in the policy where other rules
// run first and evict the tagger's tables, and the memos are emptied (clearGuardMemos), so the tagger
// meets each text as the first one. CPU µs per KB, fastest of LATENCY_REPEATS per text, versions
// alternating (each first in every other repeat); TAGGER_TEXTS picks texts by index. Prints the median,
// p99 and the slowest SHOW texts (by both versions together) with each one's ratio, and the ratio of their
// sums (new over old).
import * as current from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof current;
const texts = latencyTexts();
const repeats = Number(process.env.LATENCY_REPEATS ?? 9);
const show = Number(process.env.SHOW ?? 11);
const before = process.env.TAGGER_BEFORE ?? 'policy';
if (!process.env.GUARD_BASELINE) throw new Error('Set GUARD_BASELINE to a folder holding the older src.');
const old = (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard;

function versionOf(guard: Guard) {
  const policy = guard.createGuardPolicy();
  const tagger = policy.rules.filter((r) => r.name === 'pii').at(-1);
  if (!tagger) throw new Error('the default policy has no tagger rule (pii, last)');
  return (text: string) => {
    if (before === 'policy') guard.createGuardPolicy().checkText(text, { direction: 'input' });
    guard.clearGuardMemos();
    const start = process.cpuUsage();
    tagger.scan(text);
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1024) / text.length;
  };
}

const versions = [versionOf(old), versionOf(current)];
for (let pass = 0; pass < 2; pass++) for (const run of versions) for (const text of texts) run(text);
const best = versions.map(() => texts.map(() => Infinity));
// TAGGER_TEXTS=<i>,<i>,…: time only those texts (all are still run in the warm-up).
const timed = process.env.TAGGER_TEXTS?.split(',').map(Number) ?? texts.map((_, i) => i);
for (let r = 0; r < repeats; r++)
  for (const i of timed)
    for (const v of r % 2 === 0 ? [0, 1] : [1, 0]) best[v][i] = Math.min(best[v][i], versions[v](texts[i]));
const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)];
};
const load = (await import('node:os')).loadavg().map((l) => l.toFixed(1));
console.log(
  `${timed.length} texts of 1 KB, tagger rule CPU µs/KB, fastest of ${repeats}, before: ${before}, load ${load.join(' ')}`,
);
console.log('| | old | new | new/old |\n| --- | --- | --- | --- |');
const times = (v: number) => timed.map((i) => best[v][i]);
for (const q of [50, 90, 99]) {
  const [o, n] = [pct(times(0), q), pct(times(1), q)];
  console.log(`| p${q} | ${o.toFixed(0)} | ${n.toFixed(0)} | ${(n / o).toFixed(3)} |`);
}
// Ranked by both versions together: ranking by the old one alone would favour the new one (its slowest
// runs are partly noise that the new one's runs do not repeat).
const order = [...timed].sort((a, b) => best[0][b] + best[1][b] - best[0][a] - best[1][a]);
const slowest = order.slice(0, show);
for (const i of slowest) {
  const [o, n] = [best[0][i], best[1][i]];
  console.log(
    `#${i} ${o.toFixed(0)} → ${n.toFixed(0)} (${(n / o).toFixed(2)}) ${JSON.stringify(texts[i].slice(0, 50))}`,
  );
}
const sum = (v: number) => slowest.reduce((total, i) => total + best[v][i], 0);
if (show > 0)
  console.log(
    `the ${show} slowest together: ${sum(0).toFixed(0)} → ${sum(1).toFixed(0)} (${(sum(1) / sum(0)).toFixed(3)})`,
  );
