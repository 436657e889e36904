// Run-versus-run comparison: per-scorer mean and pass-rate deltas, examples that went from pass to fail,
// and a regression verdict against per-scorer thresholds (the --ci gate).
import { type EvalResult, type RunSummary, resultPassed } from '../runner/index.js';

export interface ComparableRun {
  runId: string;
  name: string;
  summary: RunSummary;
  results: Pick<EvalResult, 'exampleId' | 'trial' | 'status' | 'scores'>[];
}

export interface ScorerDelta {
  scorer: string;
  baseline: number;
  candidate: number;
  delta: number;
  threshold: number;
  regressed: boolean;
}

export interface RunComparison {
  baseline: string;
  candidate: string;
  scorers: ScorerDelta[];
  passRate: { baseline: number; candidate: number; delta: number };
  /** Examples (trial 0) that passed in the baseline and fail in the candidate, and the reverse. */
  newlyFailing: string[];
  newlyPassing: string[];
  regressed: boolean;
}

export interface CompareOptions {
  /** Largest allowed drop of a scorer's mean (0..1 scale), by scorer name. */
  thresholds?: Record<string, number>;
  defaultThreshold?: number;
}

export function compareRuns(
  baseline: ComparableRun,
  candidate: ComparableRun,
  { thresholds = {}, defaultThreshold = 0.02 }: CompareOptions = {},
): RunComparison {
  const names = [
    ...new Set([...Object.keys(baseline.summary.scorers), ...Object.keys(candidate.summary.scorers)]),
  ].sort();
  const scorers = names.map((scorer) => {
    const b = baseline.summary.scorers[scorer]?.mean ?? 0;
    const c = candidate.summary.scorers[scorer]?.mean ?? 0;
    const threshold = thresholds[scorer] ?? defaultThreshold;
    const delta = c - b;
    // A tiny epsilon keeps float noise (0.1 + 0.2) from tripping an exact threshold.
    return { scorer, baseline: b, candidate: c, delta, threshold, regressed: -delta > threshold + 1e-12 };
  });
  const passedIn = (run: ComparableRun) =>
    new Map(
      run.results.filter((r) => r.trial === 0).map((r) => [r.exampleId, resultPassed(r as EvalResult)]),
    );
  const before = passedIn(baseline);
  const after = passedIn(candidate);
  const newlyFailing = [...after].filter(([id, ok]) => !ok && before.get(id) === true).map(([id]) => id);
  const newlyPassing = [...after].filter(([id, ok]) => ok && before.get(id) === false).map(([id]) => id);
  return {
    baseline: baseline.runId,
    candidate: candidate.runId,
    scorers,
    passRate: {
      baseline: baseline.summary.passRate,
      candidate: candidate.summary.passRate,
      delta: candidate.summary.passRate - baseline.summary.passRate,
    },
    newlyFailing,
    newlyPassing,
    regressed: scorers.some((s) => s.regressed),
  };
}
