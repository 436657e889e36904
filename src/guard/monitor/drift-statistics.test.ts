import { describe, expect, it } from 'vitest';
import { proportionTest } from './compare-windows.js';
import {
  centroidDistance,
  jensenShannonDistance,
  kolmogorovSmirnov,
  maximumMeanDiscrepancy,
  populationStabilityIndex,
} from './drift-statistics.js';

function sample(n: number, shift: number, seed: number): number[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  // Sum of uniforms: roughly normal, deterministic.
  return Array.from({ length: n }, () => random() + random() + random() + random() - 2 + shift);
}

describe('drift statistics', () => {
  it('KS: disjoint samples give statistic 1 and a small p-value; one distribution gives a large one', () => {
    const disjoint = kolmogorovSmirnov([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(disjoint.statistic).toBe(1);
    expect(disjoint.pValue).toBeLessThan(0.05);
    const same = kolmogorovSmirnov(sample(400, 0, 1), sample(400, 0, 2));
    expect(same.pValue).toBeGreaterThan(0.05);
    const shifted = kolmogorovSmirnov(sample(400, 0, 1), sample(400, 0.3, 2));
    expect(shifted.pValue).toBeLessThan(0.05);
  });

  it('PSI: near zero for the same distribution, above 0.1 for a shift', () => {
    expect(populationStabilityIndex(sample(2000, 0, 3), sample(2000, 0, 4))).toBeLessThan(0.02);
    expect(populationStabilityIndex(sample(2000, 0, 3), sample(2000, 0.5, 4))).toBeGreaterThan(0.1);
  });

  it('Jensen–Shannon distance (base 2): 0 for equal, 1 for disjoint categories', () => {
    expect(jensenShannonDistance({ en: 5, de: 5 }, { en: 1, de: 1 })).toBeCloseTo(0, 10);
    expect(jensenShannonDistance({ en: 3 }, { de: 3 })).toBeCloseTo(1, 10);
    // By hand: m = (0.7, 0.3); KL(p‖m) = 0.12577, KL(q‖m) = 0.16781 bits; sqrt((0.12577 + 0.16781) / 2).
    expect(jensenShannonDistance({ a: 5, b: 5 }, { a: 9, b: 1 })).toBeCloseTo(0.38314, 4);
  });

  it('embeddings: centroid distance and MMD grow with a shift', () => {
    const base = sample(60, 0, 5).map((v, i) => [v, sample(1, 0, i + 9)[0]]);
    const same = sample(60, 0, 6).map((v, i) => [v, sample(1, 0, i + 99)[0]]);
    const moved = base.map(([x, y]) => [x + 1, y]);
    expect(centroidDistance(base, moved).euclidean).toBeCloseTo(1, 6);
    expect(maximumMeanDiscrepancy(base, same)).toBeLessThan(0.05);
    expect(maximumMeanDiscrepancy(base, moved)).toBeGreaterThan(maximumMeanDiscrepancy(base, same) * 3);
  });

  it('two-proportion z-test', () => {
    expect(proportionTest(10, 100, 10, 100)).toBeCloseTo(1, 6);
    expect(proportionTest(5, 200, 40, 200)).toBeLessThan(0.001);
  });
});
