// Accuracy over the results the official rules could decide, with the undecided ones counted apart
// (reporting them as failures would understate an agent; leaving them out silently would overstate it).
import { passHatK } from '../scorers/pass-at-k.js';
import { isUnscored } from './benchmark-task.js';

interface ResultLike {
  exampleId: string;
  status: 'ok' | 'error';
  scores: Record<string, { pass: boolean; details?: Record<string, unknown>; reason?: string }>;
}

export interface BenchmarkSummary {
  tasks: number;
  results: number;
  scored: number;
  passed: number;
  unscored: number;
  errors: number;
  /** passed / scored (errors count as scored failures). */
  accuracy: number;
  /** pass^k over tasks whose every trial was scored, k = 1..trials. */
  passHatK: Record<string, number>;
  /** Why results were unscored, with counts. */
  unscoredReasons: Record<string, number>;
}

export function summariseBenchmark(results: readonly ResultLike[]): BenchmarkSummary {
  const score = (r: ResultLike) => r.scores.benchmark;
  const unscoredResults = results.filter((r) => r.status === 'ok' && isUnscored(score(r)));
  const scored = results.filter((r) => !unscoredResults.includes(r));
  const passed = scored.filter((r) => r.status === 'ok' && score(r)?.pass).length;
  const reasons: Record<string, number> = {};
  for (const r of unscoredResults) {
    const reason = score(r)?.reason ?? 'unscored';
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const byTask = new Map<string, { n: number; c: number; unscored: boolean }>();
  for (const r of results) {
    const entry = byTask.get(r.exampleId) ?? { n: 0, c: 0, unscored: false };
    entry.n++;
    if (unscoredResults.includes(r)) entry.unscored = true;
    else if (r.status === 'ok' && score(r)?.pass) entry.c++;
    byTask.set(r.exampleId, entry);
  }
  const counted = [...byTask.values()].filter((t) => !t.unscored);
  const trials = Math.min(...counted.map((t) => t.n));
  const hat: Record<string, number> = {};
  if (counted.length > 0) for (let k = 1; k <= trials; k++) hat[k] = passHatK(counted, k);
  return {
    tasks: byTask.size,
    results: results.length,
    scored: scored.length,
    passed,
    unscored: unscoredResults.length,
    errors: results.filter((r) => r.status === 'error').length,
    accuracy: scored.length === 0 ? 0 : passed / scored.length,
    passHatK: hat,
    unscoredReasons: reasons,
  };
}
