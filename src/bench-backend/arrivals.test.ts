import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/index.js';
import { arrivalGaps } from './arrivals.js';

function stats(gaps: number[]) {
  const rest = gaps.slice(1);
  const mean = rest.reduce((a, b) => a + b, 0) / rest.length;
  const variance = rest.reduce((a, b) => a + (b - mean) ** 2, 0) / rest.length;
  return { mean, cv: Math.sqrt(variance) / mean };
}

describe('arrival processes', () => {
  it('constant spaces requests evenly', () => {
    const gaps = arrivalGaps({ kind: 'constant', rate: 50 }, 5, seededRandom(1));
    expect(gaps).toEqual([0, 20, 20, 20, 20]);
  });

  it('poisson has the mean rate and exponential spread (CV 1)', () => {
    const s = stats(arrivalGaps({ kind: 'poisson', rate: 10 }, 20_000, seededRandom(2)));
    expect(s.mean).toBeGreaterThan(97);
    expect(s.mean).toBeLessThan(103);
    expect(s.cv).toBeGreaterThan(0.95);
    expect(s.cv).toBeLessThan(1.05);
  });

  it('gamma keeps the mean rate; its CV is 1/sqrt(burstiness)', () => {
    for (const burstiness of [0.25, 4]) {
      const s = stats(arrivalGaps({ kind: 'gamma', rate: 10, burstiness }, 20_000, seededRandom(3)));
      expect(s.mean).toBeGreaterThan(95);
      expect(s.mean).toBeLessThan(105);
      expect(s.cv).toBeGreaterThan(0.93 / Math.sqrt(burstiness));
      expect(s.cv).toBeLessThan(1.07 / Math.sqrt(burstiness));
    }
  });
});
