import { describe, expect, it } from 'vitest';
import { encodeParts } from '../snapshot/index.js';
import { Bm25Index } from './bm25-index.js';
import { bm25SnapshotVersion, decodeBm25, encodeBm25 } from './bm25-snapshot.js';

function corpus(count: number, seed = 1): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, (_, index) =>
    [`doc${index}`, ...Array.from({ length: 12 }, () => `w${Math.floor(next() ** 3 * 300)}x`)].join(' '),
  );
}

const queries = ['w1x w2x', 'w10x w50x w200x', 'doc17 w9x', 'w299x', 'nothing'];

describe('BM25 snapshot (format 2)', () => {
  it('restores packed postings that rank exactly as the index it was taken from', () => {
    const index = new Bm25Index();
    for (const [id, text] of corpus(2000).entries()) index.add(String(id + 1), text);
    // Gaps over 127 and over 16,383 take two and three varint bytes.
    index.add('5000000', 'w1x rareterm');
    index.add('5000001', 'rareterm');
    const parts = encodeBm25(index.exportState());
    const restored = Bm25Index.restore(decodeBm25(parts));
    expect(restored.size).toBe(index.size);
    for (const query of [...queries, 'rareterm'])
      expect(restored.search(query, { limit: 20 })).toEqual(index.search(query, { limit: 20 }));
  });

  it('takes adds, replacements and removals after a restore, as the original index does', () => {
    const index = new Bm25Index();
    for (const [id, text] of corpus(500).entries()) index.add(String(id + 1), text);
    const restored = Bm25Index.restore(decodeBm25(encodeBm25(index.exportState())));
    for (const target of [index, restored]) {
      target.add('9999', 'w1x w1x w2x fresh');
      target.add('3', 'w2x replaced');
      for (let id = 100; id < 400; id++) target.remove(String(id)); // compacts
    }
    for (const query of [...queries, 'fresh replaced'])
      expect(restored.search(query, { limit: 15 })).toEqual(index.search(query, { limit: 15 }));
    const again = Bm25Index.restore(decodeBm25(encodeBm25(restored.exportState())));
    expect(again.search('w1x fresh', { limit: 10 })).toEqual(index.search('w1x fresh', { limit: 10 }));
  });

  it('keeps frequencies over 255 (float32 then) and non-numeric ids', () => {
    const index = new Bm25Index();
    index.addTerms('a', new Map([['x', 1]]));
    index.addTerms('b', new Map([['x', 300]]));
    index.addTerms('doc-c', new Map([['y', 2]]));
    const restored = Bm25Index.restore(decodeBm25(encodeBm25(index.exportState())));
    expect(restored.search('x y', { limit: 5 })).toEqual(index.search('x y', { limit: 5 }));
    expect(Bm25Index.restore(decodeBm25(encodeBm25(new Bm25Index().exportState()))).size).toBe(0);
  });

  it('refuses a snapshot of another format version instead of misreading it', () => {
    // Format 1: plain int32 slots and float32 frequencies, terms in the header.
    const old = encodeParts(
      { kind: 'bm25', version: 1, k1: 0.9, b: 0.4, terms: ['x'] },
      {
        postingCounts: Int32Array.of(1),
        slots: Int32Array.of(0),
        frequencies: Float32Array.of(1),
        lengths: Int32Array.of(1),
        ids: Int32Array.of(1),
      },
    );
    expect(bm25SnapshotVersion).toBe(2);
    expect(() => decodeBm25(old)).toThrow(/unknown format/);
  });
});
