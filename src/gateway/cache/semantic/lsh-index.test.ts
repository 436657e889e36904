import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../random/index.js';
import { LshIndex } from './lsh-index.js';

const dimension = 64;

function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  for (let i = 0; i < vector.length; i++) vector[i] /= Math.sqrt(norm);
  return vector;
}

/** Random unit vectors, and for each a neighbour at cosine ≈ 0.93 (the cache's range of interest). */
function dataset(count: number) {
  const random = seededRandom(3);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const stored: Float32Array[] = [];
  const queries: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const base = unit(Float32Array.from({ length: dimension }, gaussian));
    const noise = unit(Float32Array.from({ length: dimension }, gaussian));
    stored.push(base);
    queries.push(unit(base.map((value, k) => value + 0.4 * noise[k])));
  }
  return { stored, queries };
}

function recall(index: LshIndex, stored: Float32Array[], queries: Float32Array[]): number {
  for (const vector of stored) index.add(1, vector);
  let found = 0;
  queries.forEach((query, id) => {
    if (index.search(1, query, 0.85, 1)[0]?.id === id) found++;
  });
  return found / queries.length;
}

describe('LshIndex', () => {
  it('finds near neighbours through the buckets, and multi-probe lets 8 tables match 32 without it', () => {
    const { stored, queries } = dataset(3_000);
    const options = { dimension, bits: 14, exhaustiveBelow: 0 };
    const probed = recall(new LshIndex({ ...options, tables: 8, multiProbe: true }), stored, queries);
    const plain8 = recall(new LshIndex({ ...options, tables: 8, multiProbe: false }), stored, queries);
    const plain32 = recall(new LshIndex({ ...options, tables: 32, multiProbe: false }), stored, queries);
    expect(probed).toBeGreaterThan(plain8 + 0.1);
    expect(probed).toBeGreaterThanOrEqual(plain32 - 0.02);
    expect(probed).toBeGreaterThan(0.9);
  });

  it('never returns another scope’s entries or a removed one', () => {
    const { stored } = dataset(10);
    const index = new LshIndex({ dimension, tables: 4, bits: 8, exhaustiveBelow: 0 });
    const id = index.add(1, stored[0]);
    index.add(2, stored[0]);
    expect(index.search(1, stored[0], 0.99).map((m) => m.id)).toEqual([id]);
    index.remove(id);
    expect(index.search(1, stored[0], 0.99)).toEqual([]);
  });

  it('scores exactly what a dense dot product gives, through removals, reused ids and compaction', () => {
    const { stored, queries } = dataset(400);
    const index = new LshIndex({ dimension, tables: 36, bits: 12, exhaustiveBelow: 0, pairedTables: true });
    const ids = stored.map((vector) => index.add(1, vector));
    // Remove three in four, then add them back: the arena compacts and ids are reused.
    for (let i = 0; i < stored.length; i++) if (i % 4 !== 0) index.remove(ids[i]);
    expect(index.size).toBe(100);
    for (let i = 0; i < stored.length; i++) if (i % 4 !== 0) ids[i] = index.add(1, stored[i]);
    expect(index.size).toBe(400);
    let found = 0;
    queries.forEach((query, i) => {
      const match = index.search(1, query, 0.85, 1)[0];
      if (match?.id !== ids[i]) return;
      found++;
      let dense = 0;
      for (let k = 0; k < dimension; k++) dense += stored[i][k] * query[k];
      expect(match.similarity).toBe(dense);
    });
    expect(found / queries.length).toBeGreaterThan(0.9);
  });

  it('sets a code bit exactly when its projection is above zero (zeros, subnormals and negatives too)', () => {
    for (const simd of [true, false]) {
      const index = new LshIndex({ dimension, tables: 8, bits: 12, simd });
      const internals = index as unknown as {
        hashGroups(vector: Float32Array, size: number): void;
        codesFromProjections(): void;
        nonZeroOf(vector: Float32Array): number;
        projections: Float64Array;
        groupCodes: Uint32Array;
      };
      const random = seededRandom(11);
      const vectors: Float32Array[] = [new Float32Array(dimension)];
      for (let v = 0; v < 50; v++)
        vectors.push(
          unit(Float32Array.from({ length: dimension }, () => (random() < 0.3 ? random() - 0.5 : 0))),
        );
      for (const vector of vectors) {
        internals.hashGroups(vector, internals.nonZeroOf(vector));
        // Overwrite some projections with the special cases and recompute the bits from them.
        const { projections } = internals;
        if (vector !== vectors[0]) {
          projections[0] = 0;
          projections[1] = -0;
          projections[2] = 5e-324;
          projections[3] = -5e-324;
          projections[4] = Number.POSITIVE_INFINITY;
          projections[5] = Number.NaN;
        }
        const codes = Array.from({ length: 8 }, (_, group) => {
          let code = 0;
          for (let bit = 0; bit < 12; bit++) if (projections[group * 12 + bit] > 0) code |= 1 << bit;
          return code >>> 0;
        });
        // Recompute from the (possibly overwritten) projections through the same path.
        internals.codesFromProjections();
        expect(Array.from(internals.groupCodes)).toEqual(codes);
      }
    }
  });
});
