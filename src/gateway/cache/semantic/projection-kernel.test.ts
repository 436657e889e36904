import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../random/index.js';
import { createHashedEmbedder } from './hashed-embedder.js';
import { LshIndex } from './lsh-index.js';
import { projectionKernel } from './projection-kernel.js';

describe('projectionKernel', () => {
  it('computes every projection to the bit as the one-coordinate-at-a-time JavaScript loop', () => {
    const dimension = 64;
    const count = 36;
    const kernel = projectionKernel(dimension, count);
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const random = seededRandom(5);
    for (let i = 0; i < kernel.planes.length; i++) kernel.planes[i] = random() * 2 - 1;
    const nonZero = new Int32Array(dimension);
    // Sizes below, at and past a multiple of four (the kernel's passes), up to a dense vector.
    for (const size of [0, 1, 3, 4, 5, 8, 13, 40, dimension]) {
      const vector = new Float32Array(dimension);
      const coordinates = [...Array(dimension).keys()].sort(() => random() - 0.5).slice(0, size);
      coordinates
        .sort((a, b) => a - b)
        .forEach((coordinate, k) => {
          nonZero[k] = coordinate;
          vector[coordinate] = random() * 2 - 1;
        });
      const expected = new Float64Array(count);
      for (let k = 0; k < size; k++)
        for (let p = 0; p < count; p++)
          expected[p] += vector[nonZero[k]] * kernel.planes[nonZero[k] * count + p];
      kernel.project(vector, nonZero, size);
      expect(Array.from(kernel.projections)).toEqual(Array.from(expected));
    }
  });

  it('has no kernel for an odd number of projections (two per instruction)', () => {
    expect(projectionKernel(16, 9)).toBeUndefined();
  });

  it('gives an index the same results with and without SIMD, on hashed embeddings', () => {
    const embed = createHashedEmbedder();
    const random = seededRandom(9);
    const words = 'learn best way python india money phone buy weight lose time good book start job'.split(
      ' ',
    );
    const sentence = () =>
      Array.from(
        { length: 4 + Math.floor(random() * 8) },
        () => words[Math.floor(random() * words.length)],
      ).join(' ');
    const stored = Array.from({ length: 3_000 }, sentence);
    const options = { dimension: 256, exhaustiveBelow: 0 };
    const indexes = [new LshIndex({ ...options, simd: true }), new LshIndex({ ...options, simd: false })];
    for (const text of stored) for (const index of indexes) index.add(1, embed(text));
    let matched = 0;
    for (let q = 0; q < 300; q++) {
      const query = embed(sentence());
      const [withSimd, without] = indexes.map((index) => index.search(1, query, 0.6, 8));
      expect(withSimd).toEqual(without);
      matched += withSimd.length;
    }
    expect(matched).toBeGreaterThan(100);
  });
});
