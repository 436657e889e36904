import type { EvalRun } from '../runner/index.js';
import type { RunComparison } from './compare-runs.js';

/** The machine-readable report: the run, its summary and every result (with trajectories). */
export function toJsonReport(run: EvalRun, comparison?: RunComparison): string {
  return JSON.stringify(
    {
      version: 1,
      runId: run.runId,
      name: run.name,
      target: run.target,
      summary: run.summary,
      comparison,
      results: run.results,
    },
    null,
    2,
  );
}
