// The arena-backed Bm25Index against a plain oracle (a Map per document, scores summed in the same
// order, so they are bit-for-bit equal) through adds, replacements, removals (compactions and arena
// repacks included), restores from a plain state and from a packed snapshot, and writes after them.
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analysis/index.js';
import { Bm25Index } from './bm25-index.js';
import { decodeBm25, encodeBm25 } from './bm25-snapshot.js';
import { PostingArena } from './posting-arena.js';
import { termFrequencies } from './term-frequencies.js';

const plain = createAnalyzer({ stopwords: new Set(), stem: false });

class Oracle {
  private readonly documents = new Map<string, { order: number; terms: Map<string, number> }>();
  private added = 0;
  set(id: string, text: string): void {
    this.documents.delete(id);
    this.documents.set(id, { order: this.added++, terms: termFrequencies(plain(text)) });
  }
  remove(id: string): void {
    this.documents.delete(id);
  }
  search(query: string, limit: number, k1 = 0.9, b = 0.4): { id: string; score: number }[] {
    const count = this.documents.size;
    if (count === 0) return [];
    let total = 0;
    const lengths = new Map<string, number>();
    for (const [id, { terms }] of this.documents) {
      let length = 0;
      for (const tf of terms.values()) length += tf;
      lengths.set(id, length);
      total += length;
    }
    const [lengthFactor, lengthSlope] = [k1 * (1 - b), (k1 * b) / (total / count || 1)];
    // Postings are visited in slot order: the order documents were (last) added.
    const ordered = [...this.documents].sort((left, right) => left[1].order - right[1].order);
    const scores = new Map<string, number>();
    for (const [term, queryFrequency] of termFrequencies(plain(query))) {
      const holders = ordered.filter(([, { terms }]) => terms.has(term));
      if (holders.length === 0) continue;
      const weight = Math.log(1 + (count - holders.length + 0.5) / (holders.length + 0.5)) * queryFrequency;
      for (const [id, { terms }] of holders) {
        const tf = terms.get(term)!;
        const add = (weight * tf) / (tf + lengthFactor + lengthSlope * lengths.get(id)!);
        scores.set(id, (scores.get(id) ?? 0) + add);
      }
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1))
      .slice(0, limit);
  }
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const text = (next: () => number, id: number) =>
  [
    `own${id}`,
    ...Array.from({ length: 1 + Math.floor(next() * 15) }, () => `w${Math.floor(next() ** 3 * 200)}`),
  ].join(' ');
const queries = ['w0 w1', 'w5 w50 w150', 'own7 w3', 'w199 w2 w2', 'missing', 'own120'];

describe('Bm25Index over a posting arena', () => {
  it('answers exactly as the oracle through writes, compactions, repacks and restores', () => {
    const next = random(11);
    let index = new Bm25Index({ analyzer: plain });
    const oracle = new Oracle();
    const check = () => {
      for (const query of queries)
        expect(index.search(query, { limit: 15 })).toEqual(oracle.search(query, 15));
    };
    for (let round = 0; round < 6; round++) {
      for (let step = 0; step < 400; step++) {
        const id = Math.floor(next() * 300);
        if (next() < 0.3) {
          index.remove(String(id));
          oracle.remove(String(id));
        } else {
          const words = text(next, id);
          index.add(String(id), words);
          oracle.set(String(id), words);
        }
      }
      check();
      // Alternate the two restore paths; writes continue on the restored index.
      index =
        round % 2 === 0
          ? Bm25Index.restore(index.exportState(), plain)
          : Bm25Index.restore(decodeBm25(encodeBm25(index.exportState())), plain);
      check();
    }
  });

  it('keeps every list intact when the arena moves lists, grows and repacks its holes', () => {
    const arena = new PostingArena(8);
    const expected: number[][] = [];
    const next = random(5);
    for (let step = 0; step < 20_000; step++) {
      if (expected.length === 0 || next() < 0.02) {
        expected.push([]);
        arena.addTerm();
      }
      const termId = Math.floor(next() ** 2 * expected.length);
      const slot = step;
      arena.append(termId, slot, (step % 7) + 0.5);
      expected[termId].push(slot);
    }
    for (let termId = 0; termId < expected.length; termId++) {
      const start = arena.open(termId);
      const slots = Array.from(
        { length: arena.length(termId) },
        (_, index) => arena.slots[start + 2 * index],
      );
      expect(slots).toEqual(expected[termId]);
      const tfs = Array.from(
        { length: arena.length(termId) },
        (_, index) => arena.frequencies[start + 2 * index + 1],
      );
      expect(tfs).toEqual(expected[termId].map((slot) => (slot % 7) + 0.5));
      expect(arena.documentFrequency(termId)).toBe(expected[termId].length);
    }
  });
});
