import { describe, expect, it } from 'vitest';
import { answerFeatureNames, answerFeatures } from './answer-features.js';
import { scoreWith, trainLogisticScorer } from './logistic-scorer.js';

describe('trainLogisticScorer', () => {
  it('learns a separable rule and ranks unseen rows by it', () => {
    const rows = Array.from({ length: 40 }, (_, index) => {
      const x = (index % 10) / 10;
      return { features: [x, 0.5], label: (x > 0.45 ? 1 : 0) as 0 | 1 };
    });
    const scorer = trainLogisticScorer(rows);
    expect(scoreWith(scorer, [0.9, 0.5])).toBeGreaterThan(0.8);
    expect(scoreWith(scorer, [0.1, 0.5])).toBeLessThan(0.2);
    expect(JSON.parse(JSON.stringify(scorer))).toEqual(scorer);
  });
});

describe('answerFeatures', () => {
  it('measures agreement, arithmetic and form without a reference answer', () => {
    const candidates = [
      { text: '2 * 3 = 6\n#### 6', key: '6' },
      { text: '2 * 3 = 7 so 7', key: '7' },
      { text: '#### 6', key: '6' },
    ];
    const [first, second] = candidates.map((candidate) => answerFeatures(candidate, candidates));
    const named = (row: number[] | undefined) =>
      Object.fromEntries(answerFeatureNames.map((name, index) => [name, row?.[index]]));
    expect(named(first)).toMatchObject({ agreement: 0.5, 'arithmetic-wrong': 0, 'explicit-marker': 1 });
    expect(named(second)).toMatchObject({
      agreement: 0,
      'arithmetic-wrong': 1,
      'arithmetic-wrong-share': 1,
      'explicit-marker': 0,
    });
  });
});
