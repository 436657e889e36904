// `GUARD_BASELINE=<folder> npx tsx bench/guard/classifier-scan.ts`: the three prompt-task classifiers
// alone (predictTextPositives over the normalised text, the kept scan, rows shared with toxicity as in
// the default policy), old and new side by side in one process, alternating, on the latency bench's 1 KB
// texts (guardlat11). µs per KB, fastest of SCAN_REPEATS (default 15) × SCAN_INNER (default 20) runs per
// text, the feature cache emptied before each run (caches: see SCAN_EVICT below). Prints p50, p99 and max
// per version, then per-text times and ratios for the texts that make the whole policy's p99 (SCAN_TEXTS:
// indices, default 27,28,143) and the SCAN_SLOWEST (default 8) texts slowest in the old scan. The scores
// of both versions must be identical (it throws otherwise).
import { latencyTexts } from './latency-texts.js';

interface Version {
  name: string;
  scan: (text: string) => number[];
}

const texts = latencyTexts();
const repeats = Number(process.env.SCAN_REPEATS ?? 15);
const inner = Number(process.env.SCAN_INNER ?? 20);
const base = process.env.GUARD_BASELINE;
if (!base) throw new Error('Set GUARD_BASELINE to a folder holding the older src (see policy-latency.ts).');

async function versionOf(name: string, root: string): Promise<Version> {
  const guard = await import(`${root}/src/guard/index.ts`);
  const tasks = await import(`${root}/src/guard/scanners/prompt-task-scores.ts`);
  const classifier = await import(`${root}/src/guard/classifier/index.ts`);
  const models = tasks.shippedTaskModels();
  const list = [models.injection, models.jailbreak, models.harmful];
  // As in the policy: the toxicity scanner lays its rows beside the prompt tasks' (shareRows).
  guard.toxicityScanner();
  return {
    name,
    scan: (text) => {
      classifier.clearTextFeatureCache();
      return classifier.predictTextPositives(list, text, true);
    },
  };
}

const versions = [await versionOf('old', base), await versionOf('new', '../..')];
const { normalizeText } = await import('../../src/guard/index.js');
const normalized = texts.map((t) => normalizeText(t).text);
for (let i = 0; i < texts.length; i++) {
  const [a, b] = versions.map((v) => JSON.stringify(v.scan(normalized[i])));
  if (a !== b) throw new Error(`scores differ on text #${i}: old ${a}, new ${b}`);
}
// SCAN_EVICT=0: the weight rows stay cached between runs (each text scanned SCAN_INNER times in a row,
// CPU time of the lot). Default: a 4 MB buffer is read between runs (untimed), so that every run finds
// the rows out of the core's caches as in the policy, where the other rules run between two scans; each
// run is then timed alone (wall clock, the fastest kept).
const evict = process.env.SCAN_EVICT !== '0';
const sweep = new Int32Array(1 << 20);
let sink = 0;
const time = (v: Version, i: number): number => {
  if (evict) {
    let fastest = Infinity;
    for (let r = 0; r < inner; r++) {
      for (let k = 0; k < sweep.length; k += 16) sink ^= sweep[k]++;
      const start = performance.now();
      v.scan(normalized[i]);
      fastest = Math.min(fastest, (performance.now() - start) * 1000);
    }
    return fastest * (1024 / texts[i].length);
  }
  const start = process.cpuUsage();
  for (let r = 0; r < inner; r++) v.scan(normalized[i]);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / inner) * (1024 / texts[i].length);
};
for (let pass = 0; pass < 2; pass++)
  for (const v of versions) for (let i = 0; i < texts.length; i++) time(v, i);
const best = versions.map(() => texts.map(() => Infinity));
for (let r = 0; r < repeats; r++)
  for (let i = 0; i < texts.length; i++)
    for (const v of r % 2 === 0 ? [0, 1] : [1, 0]) best[v][i] = Math.min(best[v][i], time(versions[v], i));
const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)];
};
const { loadavg } = await import('node:os');
console.log(
  `${texts.length} texts of 1 KB, µs/KB, fastest of ${repeats} × ${inner}, ${evict ? 'caches swept before each run' : 'CPU, rows cached'}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('| version | p50 | p99 | max |');
console.log('| --- | --- | --- | --- |');
versions.forEach((v, k) => {
  const cells = [pct(best[k], 50), pct(best[k], 99), Math.max(...best[k])];
  console.log(`| ${v.name} | ${cells.map((c) => c.toFixed(1)).join(' | ')} |`);
});
const ratios = texts.map((_, i) => best[1][i] / best[0][i]);
console.log(`per-text ratio new/old: median ${pct(ratios, 50).toFixed(3)}`);
const named = (process.env.SCAN_TEXTS ?? '27,28,143').split(',').map(Number);
const slowest = texts
  .map((_, i) => i)
  .sort((x, y) => best[0][y] - best[0][x])
  .slice(0, Number(process.env.SCAN_SLOWEST ?? 8));
const shown = [...new Set([...named, ...slowest])];
console.log('| text | old | new | ratio | start |');
console.log('| --- | --- | --- | --- | --- |');
for (const i of shown)
  console.log(
    `| #${i} | ${best[0][i].toFixed(1)} | ${best[1][i].toFixed(1)} | ${ratios[i].toFixed(3)} | ${JSON.stringify(texts[i].slice(0, 40))} |`,
  );
const focus = shown.map((i) => ratios[i]);
if (sink === 0.5) console.log(sink);
console.log(
  `ratio over the shown texts: median ${pct(focus, 50).toFixed(3)}, geometric mean ${Math.exp(focus.reduce((s, r) => s + Math.log(r), 0) / focus.length).toFixed(3)}`,
);
