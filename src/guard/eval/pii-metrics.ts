// Token-level PII scoring as presidio-research does it: each token's gold entity against the predicted
// one, entities outside the evaluated set counted as "O", and F2 (recall-weighted) as the headline.
import { tokenize } from '../pii/index.js';
import type { Finding } from '../types.js';
import { fBeta } from './binary-metrics.js';

export interface PiiCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface PiiMetrics extends PiiCounts {
  precision: number;
  recall: number;
  f2: number;
}

export function piiMetricsFrom(counts: PiiCounts): PiiMetrics {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { ...counts, precision, recall, f2: fBeta(precision, recall, 2) };
}

function labelAt(spans: readonly { type: string; start: number; end: number }[], start: number, end: number) {
  for (const span of spans) if (start < span.end && span.start < end) return span.type;
  return 'O';
}

/** Adds one record's token comparisons to per-entity counts (keyed by the evaluated entity name). */
export function countPiiTokens(
  text: string,
  gold: readonly { type: string; start: number; end: number }[],
  predicted: readonly Finding[],
  evaluated: ReadonlySet<string>,
  counts: Map<string, PiiCounts>,
): void {
  const predictedSpans = predicted
    .filter((f) => f.start !== undefined)
    .map((f) => ({ type: f.type, start: f.start!, end: f.end! }));
  for (const token of tokenize(text)) {
    if (!/[\p{L}\p{N}]/u.test(token.text)) continue;
    const goldType = labelAt(gold, token.start, token.end);
    const goldLabel = evaluated.has(goldType) ? goldType : 'O';
    const predictedType = labelAt(predictedSpans, token.start, token.end);
    const predictedLabel = evaluated.has(predictedType) ? predictedType : 'O';
    const bump = (type: string, field: keyof PiiCounts) => {
      const entry = counts.get(type) ?? { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      entry[field]++;
      counts.set(type, entry);
    };
    if (goldLabel !== 'O' && goldLabel === predictedLabel) bump(goldLabel, 'truePositives');
    else {
      if (goldLabel !== 'O') bump(goldLabel, 'falseNegatives');
      if (predictedLabel !== 'O') bump(predictedLabel, 'falsePositives');
    }
  }
}
