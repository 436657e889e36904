import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially with full jitter, up to the maximum', () => {
    const top = (retry: number) =>
      backoffDelay(retry, undefined, { baseMs: 100, maxMs: 1_000, random: () => 0.999_999 });
    expect(top(0)).toBeCloseTo(100, 0);
    expect(top(2)).toBeCloseTo(400, 0);
    expect(top(10)).toBeCloseTo(1_000, 0);
    expect(backoffDelay(3, undefined, { baseMs: 100, maxMs: 1_000, random: () => 0 })).toBe(0);
  });

  it('never waits less than the Retry-After the upstream sent', () => {
    expect(backoffDelay(0, 2_500, { baseMs: 100, maxMs: 1_000, random: () => 0.5 })).toBe(2_500);
  });
});
