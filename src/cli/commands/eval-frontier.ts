// The cost/quality points of stored eval runs, for the HTML report's Pareto chart: each run is one
// configuration (model, route, router or cascade setting) at its cost per example and all-pass rate.
import type { EvalRun, FrontierPoint } from '../../eval/index.js';

export function frontierPoint(run: EvalRun): FrontierPoint {
  const s = run.summary;
  const examples = s.examples * s.trials;
  return {
    label: `${run.target} (${run.runId})`,
    cost: examples > 0 ? s.totalCost / examples : 0,
    quality: s.passRate,
  };
}

/** `a,b , c` → ['a', 'b', 'c']. */
export function runIdList(value: string): string[] {
  return value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}
