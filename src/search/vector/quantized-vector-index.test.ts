import { describe, expect, it } from 'vitest';
import { QuantizedVectorIndex } from './index.js';
import { exactNearest } from './vector-oracle.test-helpers.js';

function randomVectors(count: number, dimension: number, seed = 1): Float32Array[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return Array.from({ length: count }, () => Float32Array.from({ length: dimension }, random));
}

describe('QuantizedVectorIndex', () => {
  it('finds an exact copy first with distance 0, and matches exact search when oversampling covers everything', () => {
    const vectors = randomVectors(300, 64);
    const index = new QuantizedVectorIndex(64);
    for (const [id, vector] of vectors.entries()) index.add(id, vector);
    const [first] = index.search(vectors[42], { limit: 1 });
    expect(first.id).toBe(42);
    expect(first.distance).toBeCloseTo(0, 6);
    const query = randomVectors(1, 64, 99)[0];
    const all = index.search(query, { limit: 10, oversample: 30 });
    expect(all.map((hit) => hit.id)).toEqual(exactNearest(vectors.entries(), query, 10));
  });

  it('removes by swapping the last slot in, and replaces on re-add', () => {
    const vectors = randomVectors(20, 40);
    const index = new QuantizedVectorIndex(40);
    for (const [id, vector] of vectors.entries()) index.add(id, vector);
    index.remove(3);
    index.remove(19);
    expect(index.size).toBe(18);
    expect(index.search(vectors[3], { limit: 20, oversample: 1 }).some((hit) => hit.id === 3)).toBe(false);
    expect(index.search(vectors[18], { limit: 1 })[0].id).toBe(18);
    index.add(5, vectors[7]);
    expect(index.size).toBe(18);
    expect(
      index
        .search(vectors[7], { limit: 2 })
        .map((hit) => hit.id)
        .sort(),
    ).toEqual([5, 7]);
  });
});
