// `GUARD_BASELINE=<folder> npx tsx bench/guard/suffix-window-ab.ts`: the suffix model's least-natural
// window alone, old (the baseline folder's src, as for policy-latency.ts) and new side by side in one
// process, alternating, each version's surprisal memo emptied before every timed call (cold, as after
// clearGuardMemos()). First checks that both versions return the same window (score, contrast, value) on
// every latency text (exit 1 on a difference). IDX=<i>,<i> the texts to time (default 27,28,150, the
// slowest of policy-latency.ts), REPEATS timed calls per text and version (default 300); prints the
// median ns per call per text and new/old, plus the median over all texts (ALL=1).
import * as current from '../../src/guard/index.js';
import * as mine from '../../src/guard/signals/index.js';
import { latencyTexts } from './latency-texts.js';

type Signals = typeof mine;
if (!process.env.GUARD_BASELINE) throw new Error('Set GUARD_BASELINE to a folder holding the older src.');
const base = process.env.GUARD_BASELINE;
const old = (await import(`${base}/src/guard/signals/index.ts`)) as Signals;
const texts = latencyTexts().map((t) => current.normalizeText(t).text);
const repeats = Number(process.env.REPEATS ?? 300);
const indexes = (process.env.IDX ?? '27,28,150').split(',').map(Number);
const versions = [old, mine].map((signals) => {
  const model = signals.shippedSuffixModel().model;
  return (text: string) => {
    signals.clearSurprisalMemo();
    return signals.leastNaturalWindow(model, text);
  };
});

let differ = 0;
for (const text of texts) {
  const [a, b] = versions.map((run) => JSON.stringify(run(text)));
  if (a !== b) {
    differ++;
    if (differ <= 3) console.log(`differs:\n  old ${a}\n  new ${b}`);
  }
}
console.log(`identity: ${texts.length} texts, ${differ} differ`);
if (differ > 0) process.exitCode = 1;

const time = (run: (text: string) => unknown, text: string) => {
  mine.clearSurprisalMemo();
  old.clearSurprisalMemo();
  const start = process.hrtime.bigint();
  run(text);
  return Number(process.hrtime.bigint() - start);
};
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
// Warm-up: every text a few times in both versions.
for (let pass = 0; pass < 5; pass++) for (const run of versions) for (const text of texts) time(run, text);
const timed = (list: number[], count: number) => {
  const samples = list.map(() => [[], []] as number[][]);
  for (let r = 0; r < count; r++)
    list.forEach((i, k) => {
      for (const v of r % 2 === 0 ? [0, 1] : [1, 0]) samples[k][v].push(time(versions[v], texts[i]));
    });
  return samples.map(([o, n]) => [median(o), median(n)]);
};
console.log('| text | old ns | new ns | new/old |');
console.log('| --- | --- | --- | --- |');
for (const [k, [o, n]] of timed(indexes, repeats).entries())
  console.log(`| #${indexes[k]} | ${o} | ${n} | ${(n / o).toFixed(3)} |`);
if (process.env.ALL) {
  const all = timed(
    texts.map((_, i) => i),
    Number(process.env.ALL_REPEATS ?? 9),
  );
  const ratios = all.map(([o, n]) => n / o);
  console.log(
    `all ${texts.length} texts: median old ${median(all.map((x) => x[0]))} ns, new ${median(all.map((x) => x[1]))} ns, median per-text new/old ${median(ratios).toFixed(3)}`,
  );
}
