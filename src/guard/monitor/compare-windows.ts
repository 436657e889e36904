// Compares a current window of guard events with a reference window, metric by metric, choosing the
// test as Evidently does: KS (p < 0.05) for numbers when the reference has at most 1,000 rows, PSI
// (> 0.1) above that; Jensen–Shannon distance (> 0.1) for languages; a two-proportion z-test
// (p < 0.05) for rates; centroid distance (> 0.2) and MMD (> 0.015) for embeddings.
import type { GuardEventRecord } from '../../store/index.js';
import {
  centroidDistance,
  jensenShannonDistance,
  kolmogorovSmirnov,
  maximumMeanDiscrepancy,
  populationStabilityIndex,
} from './drift-statistics.js';

export interface DriftThresholds {
  psi: number;
  ksPValue: number;
  jensenShannon: number;
  centroidDistance: number;
  mmd: number;
}

export const evidentlyThresholds: DriftThresholds = {
  psi: 0.1,
  ksPValue: 0.05,
  jensenShannon: 0.1,
  centroidDistance: 0.2,
  mmd: 0.015,
};

export interface DriftMetric {
  metric: string;
  test: 'ks' | 'psi' | 'jensen-shannon' | 'z-test' | 'centroid-distance' | 'mmd';
  /** The test statistic (KS: the p-value; others: the distance or index). */
  value: number;
  threshold: number;
  drifted: boolean;
  reference: number | Record<string, number>;
  current: number | Record<string, number>;
}

export interface DriftReport {
  referenceCount: number;
  currentCount: number;
  drifted: boolean;
  metrics: DriftMetric[];
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / (values.length || 1);

/** Two-proportion z-test, two-sided p-value (normal approximation). */
export function proportionTest(hitsA: number, nA: number, hitsB: number, nB: number): number {
  const pooled = (hitsA + hitsB) / (nA + nB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  if (se === 0) return 1;
  const z = Math.abs(hitsA / nA - hitsB / nB) / se;
  return 2 * (1 - normalCdf(z));
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 for erf.
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return 0.5 * (1 + Math.sign(x) * y);
}

export function compareWindows(
  reference: readonly GuardEventRecord[],
  current: readonly GuardEventRecord[],
  thresholds: DriftThresholds = evidentlyThresholds,
): DriftReport {
  const metrics: DriftMetric[] = [];
  const numeric = (metric: string, pick: (e: GuardEventRecord) => number) => {
    const a = reference.map(pick);
    const b = current.map(pick);
    if (reference.length <= 1000) {
      const { pValue } = kolmogorovSmirnov(a, b);
      metrics.push({
        metric,
        test: 'ks',
        value: pValue,
        threshold: thresholds.ksPValue,
        drifted: pValue < thresholds.ksPValue,
        reference: mean(a),
        current: mean(b),
      });
    } else {
      const psi = populationStabilityIndex(a, b);
      metrics.push({
        metric,
        test: 'psi',
        value: psi,
        threshold: thresholds.psi,
        drifted: psi > thresholds.psi,
        reference: mean(a),
        current: mean(b),
      });
    }
  };
  const rate = (metric: string, hit: (e: GuardEventRecord) => boolean) => {
    const a = reference.filter(hit).length;
    const b = current.filter(hit).length;
    const p = proportionTest(a, reference.length, b, current.length);
    metrics.push({
      metric,
      test: 'z-test',
      value: p,
      threshold: thresholds.ksPValue,
      drifted: p < thresholds.ksPValue,
      reference: a / reference.length,
      current: b / current.length,
    });
  };
  numeric('length', (e) => e.length);
  numeric('injection score', (e) => e.injectionScore);
  numeric('toxicity score', (e) => e.toxicityScore);
  rate('refusal rate', (e) => e.refusal);
  rate('PII rate', (e) => e.piiCount > 0);
  rate('injection rate', (e) => e.findings.some((f) => f.scanner === 'injection'));
  rate('blocked rate', (e) => e.action === 'block');
  const languages = (events: readonly GuardEventRecord[]) => {
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.language] = (counts[e.language] ?? 0) + 1;
    return counts;
  };
  const refLanguages = languages(reference);
  const curLanguages = languages(current);
  const js = jensenShannonDistance(refLanguages, curLanguages);
  metrics.push({
    metric: 'language',
    test: 'jensen-shannon',
    value: js,
    threshold: thresholds.jensenShannon,
    drifted: js > thresholds.jensenShannon,
    reference: refLanguages,
    current: curLanguages,
  });

  const refEmbeddings = reference.flatMap((e) => (e.embedding ? [e.embedding] : []));
  const curEmbeddings = current.flatMap((e) => (e.embedding ? [e.embedding] : []));
  if (refEmbeddings.length >= 2 && curEmbeddings.length >= 2) {
    const { euclidean } = centroidDistance(refEmbeddings, curEmbeddings);
    metrics.push({
      metric: 'embedding centroid',
      test: 'centroid-distance',
      value: euclidean,
      threshold: thresholds.centroidDistance,
      drifted: euclidean > thresholds.centroidDistance,
      reference: refEmbeddings.length,
      current: curEmbeddings.length,
    });
    // MMD is quadratic in the sample: cap each side so that a report stays fast.
    const mmd = maximumMeanDiscrepancy(refEmbeddings.slice(-500), curEmbeddings.slice(-500));
    metrics.push({
      metric: 'embedding MMD',
      test: 'mmd',
      value: mmd,
      threshold: thresholds.mmd,
      drifted: mmd > thresholds.mmd,
      reference: refEmbeddings.length,
      current: curEmbeddings.length,
    });
  }
  return {
    referenceCount: reference.length,
    currentCount: current.length,
    drifted: metrics.some((m) => m.drifted),
    metrics,
  };
}
