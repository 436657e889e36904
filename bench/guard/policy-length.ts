// `npx tsx bench/guard/policy-length.ts`: the default input policy's cost per call by text length, to
// split it into a fixed cost per call and a cost per KB. The texts are the latency bench's (the same
// joined test rows and Presidio records) cut at each length; a fresh policy per call, caches cleared,
// every length timed once per pass (LATENCY_REPEATS passes, after one warm-up pass), fastest run per
// text kept, CPU ms from process.cpuUsage. Prints the median per length, ms per call and ms per KB, and
// the least-squares line through the medians (intercept: the fixed cost; slope: ms per KB).
import { cpus, loadavg } from 'node:os';
import * as guard from '../../src/guard/index.js';
import { latencySources } from './latency-texts.js';

const sources = latencySources();
const lengths = [32, 128, 256, 512, 1024, 2048, 4096];
const perLength = Number(process.env.LATENCY_TEXTS ?? 40);
const repeats = Number(process.env.LATENCY_REPEATS ?? 5);
const textsOf = lengths.map((length) => guard.kilobyteTexts(sources, perLength, length));

const cpuMs = (text: string) => {
  const policy = guard.createGuardPolicy();
  guard.clearPromptTaskCache();
  const start = process.cpuUsage();
  policy.checkText(text, { direction: 'input' });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

for (const texts of textsOf) for (const text of texts) cpuMs(text);
const best = textsOf.map((texts) => texts.map(() => Number.POSITIVE_INFINITY));
for (let r = 0; r < repeats; r++)
  textsOf.forEach((texts, l) => {
    texts.forEach((text, i) => {
      best[l][i] = Math.min(best[l][i], cpuMs(text));
    });
  });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medians = best.map(median);
process.stdout.write(
  `${perLength} texts per length, fastest of ${repeats}, ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n\n| characters | CPU ms per call (median) | CPU ms per KB |\n| --- | --- | --- |\n`,
);
lengths.forEach((length, l) => {
  process.stdout.write(
    `| ${length} | ${medians[l].toFixed(3)} | ${((medians[l] * 1024) / length).toFixed(3)} |\n`,
  );
});
const xs = lengths.map((length) => length / 1024);
const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
const my = medians.reduce((a, b) => a + b, 0) / medians.length;
let sxy = 0;
let sxx = 0;
xs.forEach((x, l) => {
  sxy += (x - mx) * (medians[l] - my);
  sxx += (x - mx) ** 2;
});
const slope = sxy / sxx;
process.stdout.write(
  `\nleast squares over the medians: ${(my - slope * mx).toFixed(3)} ms per call + ${slope.toFixed(3)} ms per KB\n`,
);
