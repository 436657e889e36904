// Shared by the signal cost benches: a signal of this tree against the same signal of an older tree
// (SIGNALS_BASELINE, a folder holding an older src/), side by side on the same texts (1 KB cuts of the
// task rows, spread over them), alternating, fastest of 3 rounds of 20 calls per text, CPU ms per KB.
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';

export type Signal = (text: string) => unknown;

/** The older tree's export `name` from `path` (relative to its src/). */
export async function baselineSignal(path: string, name: string): Promise<Signal> {
  const baseline = process.env.SIGNALS_BASELINE;
  if (!baseline) throw new Error('set SIGNALS_BASELINE to a folder holding an older src/');
  return ((await import(`${baseline}/src/${path}`)) as Record<string, Signal>)[name];
}

/** `count` texts spread over the task rows, each cut to 1 KB. */
export function signalTexts(count: number): string[] {
  const rows = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA));
  return rows
    .filter((_, i) => i % Math.max(1, Math.floor(rows.length / count)) === 0)
    .slice(0, count)
    .map((r) => r.text.slice(0, 1024));
}

/** CPU ms per KB of one call of `fn` on `text`: the fastest of 3 rounds of 20 calls. */
export function cpuMsPerKb(fn: Signal, text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    const start = process.cpuUsage();
    for (let r = 0; r < 20; r++) fn(text);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / 20);
  }
  return best / (Math.max(text.length, 1) / 1024);
}

export const quantile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Old and new per text, alternating; prints p50, p99 and the per-text ratio. */
export function compareSignalCost(label: string, old: Signal, current: Signal, texts: string[]): void {
  const before: number[] = [];
  const after: number[] = [];
  for (const text of texts) {
    before.push(cpuMsPerKb(old, text));
    after.push(cpuMsPerKb(current, text));
  }
  const ratios = before.map((b, i) => after[i] / Math.max(b, 1e-6));
  const q = quantile;
  console.log(
    `${texts.length} texts; ${label} CPU ms/KB p50 ${q(before, 0.5).toFixed(3)} -> ${q(after, 0.5).toFixed(3)}, p99 ${q(before, 0.99).toFixed(3)} -> ${q(after, 0.99).toFixed(3)}; per-text ratio median ${q(ratios, 0.5).toFixed(2)} (p90 ${q(ratios, 0.9).toFixed(2)})`,
  );
}
