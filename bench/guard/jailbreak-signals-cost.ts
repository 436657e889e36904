// CPU cost of all prompt signals (promptSignals: suffix, token soup, intent, framing, pre-emption), this
// tree against an older one, side by side on the same texts (1 KB cuts of task rows), alternating,
// fastest of 3 per text; and the token-soup measure alone.
// Usage: SIGNALS_BASELINE=<folder holding an older src/> npx tsx bench/guard/jailbreak-signals-cost.ts [texts]
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { promptSignals } from '../../src/guard/signals/prompt-signals.js';
import { tokenSoup } from '../../src/guard/signals/token-soup.js';

type Signals = (text: string) => unknown;
const baseline = process.env.SIGNALS_BASELINE;
if (!baseline) throw new Error('set SIGNALS_BASELINE to a folder holding an older src/');
const old = ((await import(`${baseline}/src/guard/signals/prompt-signals.ts`)) as { promptSignals: Signals })
  .promptSignals;
const count = Number(process.argv[2] ?? 300);
const rows = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA));
const texts = rows
  .filter((_, i) => i % Math.max(1, Math.floor(rows.length / count)) === 0)
  .slice(0, count)
  .map((r) => r.text.slice(0, 1024));
const cpuMs = (fn: Signals, text: string) => {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    const start = process.cpuUsage();
    for (let r = 0; r < 20; r++) fn(text);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / 20);
  }
  return best;
};
const before: number[] = [];
const after: number[] = [];
for (const text of texts) {
  const kb = Math.max(text.length, 1) / 1024;
  before.push(cpuMs(old, text) / kb);
  after.push(cpuMs(promptSignals, text) / kb);
}
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ratios = before.map((b, i) => after[i] / Math.max(b, 1e-6));
console.log(
  `${texts.length} texts; promptSignals CPU ms/KB p50 ${q(before, 0.5).toFixed(3)} -> ${q(after, 0.5).toFixed(3)}, p99 ${q(before, 0.99).toFixed(3)} -> ${q(after, 0.99).toFixed(3)}; per-text ratio median ${q(ratios, 0.5).toFixed(2)} (p90 ${q(ratios, 0.9).toFixed(2)})`,
);
const soup = texts.map((text) => cpuMs(tokenSoup, text) / (Math.max(text.length, 1) / 1024));
console.log(`tokenSoup alone CPU ms/KB p50 ${q(soup, 0.5).toFixed(4)}, p99 ${q(soup, 0.99).toFixed(4)}`);
