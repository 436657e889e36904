// The IVF mode of the quantized index: trained past `ivfAbove`, recall against exact search on a
// generated clustered set, inserts and removals after training kept in step with the lists, and the
// block-per-part snapshot (format 2) read back as views, extended after restore, and refused when
// damaged or of the old format.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../random/index.js';
import { encodeParts, SnapshotFormatError } from '../snapshot/index.js';
import { decodeQuantized, encodeQuantized, QuantizedVectorIndex } from './index.js';
import { clusteredVectors, exactNearest } from './vector-oracle.test-helpers.js';

const dimension = 32;

/** `count` vectors around 50 centroids, seeded. */
const clustered = (count: number, seed = 3) => clusteredVectors(count, { dimension, centroids: 50, seed });

function recall(
  index: QuantizedVectorIndex,
  vectors: Map<number, Float32Array>,
  queries: Float32Array[],
  probes = 8,
  // Every probed code rescored: what is measured is the lists, not 32-bit Hamming codes.
  candidates = 6000,
) {
  let found = 0;
  for (const query of queries) {
    const truth = new Set(exactNearest(vectors, query, 10));
    found += index.search(query, { limit: 10, candidates, probes }).filter((hit) => truth.has(hit.id)).length;
  }
  return found / (10 * queries.length);
}

function build(count: number, options: { ivfAbove: number; blockSize?: number }) {
  const index = new QuantizedVectorIndex(dimension, { rescore: 'int8', ...options });
  const vectors = new Map<number, Float32Array>();
  clustered(count).forEach((vector, offset) => {
    index.add(offset + 1, vector);
    vectors.set(offset + 1, vector);
  });
  return { index, vectors };
}

describe('QuantizedVectorIndex with IVF lists', () => {
  it('trains past ivfAbove and keeps recall@10 against exact search', () => {
    // 32 lists (one per ~100 vectors when trained at 3,000); 16 probed: half the codes scanned.
    const { index, vectors } = build(6000, { ivfAbove: 3000, blockSize: 1024 });
    expect(index.trained).toBe(true);
    const queries = clustered(30, 99);
    const scan = build(6000, { ivfAbove: Number.POSITIVE_INFINITY }).index;
    expect(scan.trained).toBe(false);
    // (measured: probes 2 → 0.48, 8 → 0.83, 16 → 0.94, 32 → 0.97 = the full scan)
    expect(recall(index, vectors, queries, 16)).toBeGreaterThanOrEqual(0.9);
    expect(recall(index, vectors, queries, 2)).toBeLessThan(recall(index, vectors, queries, 16));
    expect(recall(index, vectors, queries, 32)).toBe(recall(scan, vectors, queries));
    // An exact copy of a stored vector is found first.
    expect(index.search(vectors.get(1234)!, { limit: 1, probes: 8 })[0].id).toBe(1234);
  });

  it('keeps the lists in step with removals, moves and replacements after training', () => {
    const { index, vectors } = build(3000, { ivfAbove: 1000, blockSize: 512 });
    const random = seededRandom(5);
    for (let round = 0; round < 800; round++) {
      const id = 1 + Math.floor(random() * 3000);
      if (vectors.has(id)) {
        expect(index.remove(id)).toBe(true);
        vectors.delete(id);
      }
    }
    for (const [offset, vector] of clustered(300, 8).entries()) {
      index.add(5000 + offset, vector);
      vectors.set(5000 + offset, vector);
    }
    index.add(7, vectors.get(5000)!); // re-added or new with another vector
    vectors.set(7, vectors.get(5000)!);
    expect(index.size).toBe(vectors.size);
    for (const id of [...vectors.keys()].slice(0, 200)) {
      const [first] = index.search(vectors.get(id)!, { limit: 2, probes: 64 });
      expect(vectors.get(first.id)).toEqual(vectors.get(id));
    }
    const everything = index.search(vectors.get(7)!, { limit: 5000, candidates: 5000, probes: 1024 });
    expect(everything.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(
      [...vectors.keys()].sort((a, b) => a - b),
    );
  });

  it('stores a part per block, reads it back as views and grows after the restore', () => {
    const { index, vectors } = build(2600, { ivfAbove: 1000, blockSize: 1024 });
    const parts = encodeQuantized(index.exportState());
    // header + two centroid parts + 3 blocks × 5 arrays
    expect(parts.length).toBe(1 + 2 + 3 * 5);
    const loaded = parts.map((part) => Buffer.from(part));
    const state = decodeQuantized(loaded);
    expect(state.blocks[0].scalars.buffer).toBe(loaded[6].buffer); // a view, not a copy
    const restored = QuantizedVectorIndex.restore(state);
    expect(restored.trained).toBe(true);
    // Stored list by list: each list's vectors side by side.
    const lists = restored.exportState({ listOrder: false }).blocks.flatMap((block) => [...block.lists!]);
    expect(lists).toEqual([...lists].sort((a, b) => a - b));
    const query = clustered(1, 42)[0];
    expect(restored.search(query, { limit: 10 })).toEqual(index.search(query, { limit: 10 }));
    for (const id of [1, 2, 2600]) {
      restored.remove(id);
      index.remove(id);
    }
    for (const [offset, vector] of clustered(500, 11).entries()) {
      restored.add(9000 + offset, vector);
      index.add(9000 + offset, vector);
    }
    expect(restored.size).toBe(vectors.size - 3 + 500);
    for (const query of clustered(10, 12))
      expect(restored.search(query, { limit: 10 })).toEqual(index.search(query, { limit: 10 }));
    expect(
      encodeQuantized(restored.exportState()).map((part) => Buffer.from(part).toString('base64')),
    ).toEqual(encodeQuantized(index.exportState()).map((part) => Buffer.from(part).toString('base64')));
  });

  it('refuses a damaged snapshot or one of the old format', () => {
    const { index } = build(1500, { ivfAbove: 1000, blockSize: 1024 });
    const parts = encodeQuantized(index.exportState());
    expect(() => decodeQuantized(parts.slice(0, -1))).toThrow(SnapshotFormatError);
    expect(() => decodeQuantized([parts[0], ...parts.slice(1).map((part) => part.subarray(1))])).toThrow(
      SnapshotFormatError,
    );
    expect(() => decodeQuantized([Buffer.from('{not json'), ...parts.slice(1)])).toThrow(SnapshotFormatError);
    const old = encodeParts(
      { kind: 'quantized', version: 1, dimension },
      {
        ids: new Int32Array(1),
        codes: new Uint32Array(1),
        scalars: new Int8Array(dimension),
        scales: new Float32Array(1),
      },
    );
    expect(() => decodeQuantized(old)).toThrow(SnapshotFormatError);
  });
});
