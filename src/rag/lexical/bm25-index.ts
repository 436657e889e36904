// An in-memory BM25 inverted index with Lucene's scoring (the Anserini baseline):
//   score(q, d) = Σ_t qtf · idf(t) · tf / (tf + k1 · (1 − b + b · |d| / avgdl)),
//   idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
// Lucene ≥ 8 dropped the constant (k1 + 1) factor; it never changes a ranking. Unlike Lucene, document
// lengths are exact (Lucene rounds them to one byte), so scores match a textbook implementation.
import { type Analyzer, analyzeText } from '../analysis/index.js';

export interface Bm25Parameters {
  /** Term-frequency saturation; Anserini 0.9, Lucene/FTS5 1.2. */
  k1?: number;
  /** Length normalisation; Anserini 0.4, Lucene/FTS5 0.75. */
  b?: number;
}

export interface Bm25IndexOptions extends Bm25Parameters {
  analyzer?: Analyzer;
}

export interface ScoredId {
  id: string;
  score: number;
}

export interface Bm25SearchOptions {
  limit?: number;
  /** Keeps only ids for which this returns true (metadata filters). */
  filter?: (id: string) => boolean;
}

export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  readonly analyzer: Analyzer;
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly slotOf = new Map<string, number>();
  private readonly ids: (string | undefined)[] = [];
  private readonly lengths: number[] = [];
  private readonly termsOf: (Map<string, number> | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private totalLength = 0;

  constructor({ k1 = 0.9, b = 0.4, analyzer = analyzeText }: Bm25IndexOptions = {}) {
    this.k1 = k1;
    this.b = b;
    this.analyzer = analyzer;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds (or replaces) a document from its text. */
  add(id: string, text: string): void {
    this.addTerms(id, termFrequencies(this.analyzer(text)));
  }

  /** Adds (or replaces) a document from precomputed term frequencies (as persisted in the store). */
  addTerms(id: string, frequencies: Map<string, number>): void {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    let length = 0;
    for (const [term, tf] of frequencies) {
      length += tf;
      let list = this.postings.get(term);
      if (!list) {
        list = new Map();
        this.postings.set(term, list);
      }
      list.set(slot, tf);
    }
    this.slotOf.set(id, slot);
    this.ids[slot] = id;
    this.lengths[slot] = length;
    this.termsOf[slot] = frequencies;
    this.totalLength += length;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    for (const term of this.termsOf[slot]!.keys()) {
      const list = this.postings.get(term)!;
      list.delete(slot);
      if (list.size === 0) this.postings.delete(term);
    }
    this.totalLength -= this.lengths[slot];
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.termsOf[slot] = undefined;
    this.lengths[slot] = 0;
    this.freeSlots.push(slot);
    return true;
  }

  search(query: string, { limit = 10, filter }: Bm25SearchOptions = {}): ScoredId[] {
    const count = this.size;
    if (count === 0 || limit <= 0) return [];
    const averageLength = this.totalLength / count || 1;
    const queryTerms = termFrequencies(this.analyzer(query));
    const scores = new Map<number, number>();
    for (const [term, queryFrequency] of queryTerms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (count - list.size + 0.5) / (list.size + 0.5));
      const weight = idf * queryFrequency;
      const lengthFactor = this.k1 * (1 - this.b);
      const lengthSlope = (this.k1 * this.b) / averageLength;
      for (const [slot, tf] of list) {
        const contribution = (weight * tf) / (tf + lengthFactor + lengthSlope * this.lengths[slot]);
        scores.set(slot, (scores.get(slot) ?? 0) + contribution);
      }
    }
    const results: ScoredId[] = [];
    for (const [slot, score] of scores) {
      const id = this.ids[slot]!;
      if (filter && !filter(id)) continue;
      results.push({ id, score });
    }
    return topByScore(results, limit);
  }
}

export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}

/** The highest-scoring entries, ties broken by id so runs are reproducible. */
export function topByScore(results: ScoredId[], limit: number): ScoredId[] {
  results.sort(
    (left, right) => right.score - left.score || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
  );
  return results.length > limit ? results.slice(0, limit) : results;
}
