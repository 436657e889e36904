import { describe, expect, it } from 'vitest';
import { convexCombination, maximalMarginalRelevance, reciprocalRankFusion } from './index.js';

const ids = (...names: string[]) => names.map((id) => ({ id }));

describe('reciprocalRankFusion', () => {
  it('gives the issue vector for [d1,d2,d3] + [d3,d1,d4] with k = 60, ranks from 1', () => {
    const fused = reciprocalRankFusion([ids('d1', 'd2', 'd3'), ids('d3', 'd1', 'd4')]);
    expect(fused.map((hit) => hit.id)).toEqual(['d1', 'd3', 'd2', 'd4']);
    expect(fused.map((hit) => Number(hit.score.toFixed(6)))).toEqual([
      0.032522, 0.032266, 0.016129, 0.015873,
    ]);
  });

  it('honours weights and limit', () => {
    const fused = reciprocalRankFusion([ids('a'), ids('b')], { weights: [1, 2], limit: 1 });
    expect(fused).toEqual([{ id: 'b', score: 2 / 61 }]);
  });
});

describe('convexCombination', () => {
  const lexical = [
    { id: 'a', score: 10 },
    { id: 'b', score: 5 },
    { id: 'c', score: 0 },
  ];
  const vector = [
    { id: 'c', score: 0.9 },
    { id: 'd', score: 0.5 },
  ];

  it('min-max normalises each list and mixes with the weight', () => {
    const fused = convexCombination(lexical, vector, { weight: 0.5 });
    expect(Object.fromEntries(fused.map((hit) => [hit.id, hit.score]))).toEqual({
      a: 0.5,
      b: 0.25,
      c: 0.5,
      d: 0,
    });
  });

  it('treats weight 0 and 1 literally and rejects weights outside 0..1', () => {
    expect(convexCombination(lexical, vector, { weight: 1 })[0].id).toBe('c');
    expect(convexCombination(lexical, vector, { weight: 0 })[0]).toEqual({ id: 'a', score: 1 });
    expect(() => convexCombination(lexical, vector, { weight: 1.5 })).toThrow(/outside 0..1/);
  });
});

describe('maximalMarginalRelevance', () => {
  const candidates = [
    { id: 'near', vector: [1, 0.1] },
    { id: 'duplicate', vector: [1, 0.11] },
    { id: 'different', vector: [0.6, 0.8] },
  ];

  it('with λ = 1 keeps relevance order; with λ = 0.3 skips the near-duplicate', () => {
    expect(maximalMarginalRelevance([1, 0], candidates, { lambda: 1 }).map((c) => c.id)).toEqual([
      'near',
      'duplicate',
      'different',
    ]);
    expect(maximalMarginalRelevance([1, 0], candidates, { lambda: 0.3, limit: 2 }).map((c) => c.id)).toEqual([
      'near',
      'different',
    ]);
  });
});
