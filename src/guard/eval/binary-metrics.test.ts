import { describe, expect, it } from 'vitest';
import { binaryMetrics, fBeta, recallAtFalsePositiveRate, rocAuc } from './binary-metrics.js';

describe('binary metrics', () => {
  const examples = [
    { score: 0.9, label: 1 as const },
    { score: 0.8, label: 1 as const },
    { score: 0.7, label: 0 as const },
    { score: 0.6, label: 1 as const },
    { score: 0.2, label: 0 as const },
    { score: 0.1, label: 0 as const },
  ];

  it('ROC AUC counts correctly ordered pairs (ties half)', () => {
    // 9 positive/negative pairs, 8 ordered correctly (0.6 < 0.7 is the one miss).
    expect(rocAuc(examples)).toBeCloseTo(8 / 9, 10);
    expect(
      rocAuc([
        { score: 0.5, label: 1 },
        { score: 0.5, label: 0 },
      ]),
    ).toBe(0.5);
  });

  it('recall at a false-positive budget uses the threshold set by the negatives', () => {
    expect(recallAtFalsePositiveRate(examples, 0)).toBeCloseTo(2 / 3, 10);
    expect(recallAtFalsePositiveRate(examples, 0.34)).toBe(1);
  });

  it('precision, recall, F1 and F2 at a threshold', () => {
    const m = binaryMetrics(examples, 0.5);
    expect(m).toMatchObject({ positives: 3, negatives: 3, precision: 0.75, recall: 1 });
    expect(m.falsePositiveRate).toBeCloseTo(1 / 3, 10);
    expect(fBeta(0.75, 1, 2)).toBeCloseTo((5 * 0.75) / (4 * 0.75 + 1), 10);
    expect(m.thresholdAt3PercentFpr).toBe(0.7);
  });
});
