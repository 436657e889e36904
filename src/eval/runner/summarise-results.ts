// Aggregates per-example results into a run summary: per-scorer mean and pass rate, errors, latency,
// cost, and pass@k / pass^k when examples were repeated.
import { passAtK, passHatK } from '../scorers/pass-at-k.js';

export interface StoredScore {
  score: number;
  pass: boolean;
  reason?: string;
  details?: Record<string, unknown>;
}

export interface ResultForSummary {
  exampleId: string;
  trial: number;
  status: 'ok' | 'error';
  scores: Record<string, StoredScore>;
  latencyMs: number;
  cost: number;
}

export interface ScorerSummary {
  mean: number;
  passRate: number;
  count: number;
}

export interface RunSummary {
  examples: number;
  trials: number;
  results: number;
  errors: number;
  /** Share of results where every scorer passed (an errored result fails). */
  passRate: number;
  scorers: Record<string, ScorerSummary>;
  latencyMs: { mean: number; p50: number; p95: number };
  totalCost: number;
  /** k → value, for k = 1..trials, when trials > 1. */
  passAtK?: Record<string, number>;
  passHatK?: Record<string, number>;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function resultPassed(result: ResultForSummary): boolean {
  return result.status === 'ok' && Object.values(result.scores).every((s) => s.pass);
}

export function summariseResults(results: readonly ResultForSummary[]): RunSummary {
  const scorers: Record<string, ScorerSummary> = {};
  const totals: Record<string, { sum: number; passed: number; count: number }> = {};
  for (const result of results) {
    for (const [name, s] of Object.entries(result.scores)) {
      totals[name] ??= { sum: 0, passed: 0, count: 0 };
      const t = totals[name];
      t.sum += s.score;
      t.passed += s.pass ? 1 : 0;
      t.count++;
    }
  }
  for (const [name, t] of Object.entries(totals))
    scorers[name] = { mean: t.sum / t.count, passRate: t.passed / t.count, count: t.count };
  const latencies = results.map((r) => r.latencyMs).sort((a, b) => a - b);
  const byExample = new Map<string, { n: number; c: number }>();
  for (const r of results) {
    const entry = byExample.get(r.exampleId) ?? { n: 0, c: 0 };
    entry.n++;
    entry.c += resultPassed(r) ? 1 : 0;
    byExample.set(r.exampleId, entry);
  }
  const trials = Math.max(0, ...[...byExample.values()].map((e) => e.n));
  const summary: RunSummary = {
    examples: byExample.size,
    trials,
    results: results.length,
    errors: results.filter((r) => r.status === 'error').length,
    passRate: results.length === 0 ? 0 : results.filter(resultPassed).length / results.length,
    scorers,
    latencyMs: {
      mean: latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
    },
    totalCost: results.reduce((sum, r) => sum + r.cost, 0),
  };
  const tasks = [...byExample.values()];
  const minTrials = Math.min(...tasks.map((t) => t.n));
  if (trials > 1 && minTrials > 1) {
    summary.passAtK = {};
    summary.passHatK = {};
    for (let k = 1; k <= minTrials; k++) {
      summary.passAtK[k] = passAtK(tasks, k);
      summary.passHatK[k] = passHatK(tasks, k);
    }
  }
  return summary;
}
