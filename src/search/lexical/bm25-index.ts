// An in-memory BM25 inverted index with Lucene's scoring (the Anserini baseline):
//   score(q, d) = Σ_t qtf · idf(t) · tf / (tf + k1 · (1 − b + b · |d| / avgdl)),
//   idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
// Lucene ≥ 8 dropped the constant (k1 + 1) factor; it never changes a ranking. Unlike Lucene, document
// lengths are exact (Lucene rounds them to one byte), so scores match a textbook implementation.
import { type Analyzer, analyzeText } from '../analysis/index.js';
import type { Bm25PackedState, Bm25State } from './bm25-state.js';
import { PostingArena } from './posting-arena.js';
import { termFrequencies } from './term-frequencies.js';

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

export interface Bm25SearchOptions<T = unknown> {
  limit?: number;
  /**
   * Keeps only documents for which this returns true (metadata filters). It gets the value the
   * document was added with, so a filter needs no lookup by id for each matching document.
   */
  filter?: (id: string, value: T | undefined) => boolean;
}

// Postings are (slot, tf) pairs per term in one arena (posting-arena.ts); a removed document's slot is
// tombstoned and never reused, and the lists are compacted once half their entries are dead. Scores
// accumulate in a Float64Array indexed by slot, so a query touches no hash maps in its inner loop.
export class Bm25Index<T = unknown> {
  readonly k1: number;
  readonly b: number;
  readonly analyzer: Analyzer;
  private readonly termIds = new Map<string, number>();
  // A restored index keeps its postings packed (packed-postings.ts) and unpacks a term's list the first
  // time a query or a write touches it: opening a 1M-chunk index decodes no posting at all.
  private postings = new PostingArena();
  // id → slot; built lazily after a restore (a restored 1M-chunk index answers queries without it).
  private slotMap: Map<string, number> | undefined = new Map<string, number>();
  private liveCount = 0;
  private ids: (string | undefined)[] = [];
  private values: (T | undefined)[] = [];
  private lengths: Int32Array = new Int32Array(1024);
  private slotTerms: (Int32Array | undefined)[] = [];
  private totalLength = 0;
  private deadPostings = 0;
  private livePostings = 0;
  private scores = new Float64Array(0);
  private touched = new Int32Array(1024);

  constructor({ k1 = 0.9, b = 0.4, analyzer = analyzeText }: Bm25IndexOptions = {}) {
    this.k1 = k1;
    this.b = b;
    this.analyzer = analyzer;
  }

  get size(): number {
    return this.liveCount;
  }

  private get slotOf(): Map<string, number> {
    if (!this.slotMap) {
      this.slotMap = new Map();
      this.ids.forEach((id, slot) => {
        if (id !== undefined) this.slotMap!.set(id, slot);
      });
    }
    return this.slotMap;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds (or replaces) a document from its text; `value` is what search filters see for it. */
  add(id: string, text: string, value?: T): void {
    this.addTerms(id, termFrequencies(this.analyzer(text)), value);
  }

  /** Adds (or replaces) a document from precomputed term frequencies (as persisted in the store). */
  addTerms(id: string, frequencies: ReadonlyMap<string, number>, value?: T): void {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.ids.length;
    const terms = new Int32Array(frequencies.size);
    let length = 0;
    let position = 0;
    // forEach, not for…of: no entry array per term (this loop runs ~50 times per ingested chunk).
    const postings = this.postings;
    frequencies.forEach((tf, term) => {
      length += tf;
      const termId = this.termIds.get(term) ?? this.newTerm(term);
      postings.append(termId, slot, tf);
      terms[position++] = termId;
    });
    this.slotOf.set(id, slot);
    this.liveCount++;
    this.ids.push(id);
    this.values.push(value);
    if (slot === this.lengths.length) this.lengths = grown(this.lengths, slot * 2);
    this.lengths[slot] = length;
    this.slotTerms.push(terms);
    this.totalLength += length;
    this.livePostings += terms.length;
  }

  private newTerm(term: string): number {
    const termId = this.postings.addTerm();
    this.termIds.set(term, termId);
    return termId;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    if (this.slotTerms[slot] === undefined) this.rebuildSlotTerms();
    const terms = this.slotTerms[slot]!;
    for (const termId of terms) this.postings.removedOne(termId);
    this.totalLength -= this.lengths[slot];
    this.slotOf.delete(id);
    this.liveCount--;
    this.ids[slot] = undefined;
    this.values[slot] = undefined;
    this.slotTerms[slot] = undefined;
    this.deadPostings += terms.length;
    this.livePostings -= terms.length;
    if (this.deadPostings > this.livePostings) this.compact();
    return true;
  }

  search(query: string, { limit = 10, filter }: Bm25SearchOptions<T> = {}): ScoredId[] {
    const count = this.size;
    if (count === 0 || limit <= 0) return [];
    const averageLength = this.totalLength / count || 1;
    const lengthFactor = this.k1 * (1 - this.b);
    const lengthSlope = (this.k1 * this.b) / averageLength;
    if (this.scores.length < this.ids.length)
      this.scores = new Float64Array(Math.max(1024, this.ids.length * 2));
    const scores = this.scores;
    let touched = this.touched;
    let touchedCount = 0;
    for (const [term, queryFrequency] of termFrequencies(this.analyzer(query))) {
      const termId = this.termIds.get(term);
      if (termId === undefined) continue;
      const df = this.postings.documentFrequency(termId);
      if (df === 0) continue;
      const weight = Math.log(1 + (count - df + 0.5) / (df + 0.5)) * queryFrequency;
      const start = this.postings.open(termId);
      const slots = this.postings.slots;
      const frequencies = this.postings.frequencies;
      const end = start + 2 * this.postings.length(termId);
      for (let at = start; at < end; at += 2) {
        const slot = slots[at];
        if (this.ids[slot] === undefined) continue;
        const tf = frequencies[at + 1];
        if (scores[slot] === 0) {
          if (touchedCount === touched.length) {
            const grown = new Int32Array(Math.max(1024, touched.length * 2));
            grown.set(touched);
            touched = this.touched = grown;
          }
          touched[touchedCount++] = slot;
        }
        scores[slot] += (weight * tf) / (tf + lengthFactor + lengthSlope * this.lengths[slot]);
      }
    }
    // Filter, then keep the best `limit` slots in a bounded heap: no object per matching document.
    let kept = 0;
    for (let index = 0; index < touchedCount; index++) {
      const slot = touched[index];
      if (filter && !filter(this.ids[slot]!, this.values[slot])) {
        scores[slot] = 0;
        continue;
      }
      touched[kept++] = slot;
    }
    const top = this.bestSlots(touched, kept, limit);
    const results = top.map((slot) => ({ id: this.ids[slot]!, score: scores[slot] }));
    for (let index = 0; index < kept; index++) scores[touched[index]] = 0;
    return results;
  }

  /**
   * The index as flat typed arrays (dead slots compacted away first), for persisting; `restore` turns
   * it back into an index without re-analysing or re-adding a document.
   */
  exportState(): Bm25State {
    if (this.deadPostings > 0) this.compact();
    const terms = [...this.termIds.keys()];
    const postings = this.postings;
    const postingCounts = new Int32Array(terms.length);
    let total = 0;
    for (let termId = 0; termId < terms.length; termId++)
      total += postingCounts[termId] = postings.length(termId);
    const slots = new Int32Array(total);
    const frequencies = new Float32Array(total);
    let offset = 0;
    for (let termId = 0; termId < terms.length; termId++) {
      const start = postings.open(termId);
      for (let index = 0; index < postingCounts[termId]; index++) {
        slots[offset] = postings.slots[start + 2 * index];
        frequencies[offset++] = postings.frequencies[start + 2 * index + 1];
      }
    }
    return {
      k1: this.k1,
      b: this.b,
      terms,
      postingCounts,
      slots,
      frequencies,
      ids: this.ids as string[],
      lengths: this.lengths.slice(0, this.ids.length),
    };
  }

  /**
   * An index from `exportState`'s arrays (posting lists are views into them: no copy), or from a
   * snapshot's packed postings (unpacked a term at a time, when first used).
   */
  static restore<T = unknown>(
    state: Bm25State | Bm25PackedState,
    analyzer: Analyzer = analyzeText,
  ): Bm25Index<T> {
    const index = new Bm25Index<T>({ k1: state.k1, b: state.b, analyzer });
    let offset = 0;
    const packed = 'packed' in state ? state.packed : undefined;
    index.postings.reserveFor(state.postingCounts, packed !== undefined);
    state.terms.forEach((term, termId) => {
      const count = state.postingCounts[termId];
      index.termIds.set(term, termId);
      if (packed) index.postings.addPackedTerm(packed, count);
      else {
        const plain = state as Bm25State;
        const range = [offset, offset + count] as const;
        index.postings.addCopiedTerm(plain.slots.subarray(...range), plain.frequencies.subarray(...range));
      }
      offset += count;
    });
    index.ids = state.ids;
    index.values = new Array(state.ids.length);
    index.lengths = state.lengths.length > 0 ? state.lengths : new Int32Array(1024);
    index.slotTerms = new Array(state.ids.length);
    for (const length of state.lengths) index.totalLength += length;
    index.livePostings = offset;
    index.liveCount = state.ids.length;
    index.slotMap = undefined;
    return index;
  }

  // A restored index keeps no per-document term lists (only removal needs them): rebuilt once from the
  // postings the first time a restored document is removed.
  private rebuildSlotTerms(): void {
    const counts = new Int32Array(this.ids.length);
    const postings = this.postings;
    for (let termId = 0; termId < postings.termCount; termId++) {
      const start = postings.open(termId);
      const end = start + 2 * postings.length(termId);
      for (let at = start; at < end; at += 2) counts[postings.slots[at]]++;
    }
    const lists: (Int32Array | undefined)[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      lists.push(
        this.slotTerms[slot] ?? (this.ids[slot] === undefined ? undefined : new Int32Array(counts[slot])),
      );
    }
    const filled = new Int32Array(this.ids.length);
    for (let termId = 0; termId < postings.termCount; termId++) {
      const start = postings.open(termId);
      const end = start + 2 * postings.length(termId);
      for (let at = start; at < end; at += 2) {
        const slot = postings.slots[at];
        if (this.slotTerms[slot] === undefined && lists[slot]) lists[slot]![filled[slot]++] = termId;
      }
    }
    this.slotTerms = lists;
  }

  // The `limit` best of slots[0..count) by score, ties by id, best first.
  private bestSlots(slots: Int32Array, count: number, limit: number): number[] {
    const scores = this.scores;
    const ids = this.ids;
    const better = (left: number, right: number) =>
      scores[left] > scores[right] || (scores[left] === scores[right] && ids[left]! < ids[right]!);
    const heap: number[] = [];
    for (let index = 0; index < count; index++) {
      const slot = slots[index];
      if (heap.length < limit) {
        heap.push(slot);
        let child = heap.length - 1;
        while (child > 0) {
          const parent = (child - 1) >> 1;
          if (!better(heap[parent], heap[child])) break;
          [heap[parent], heap[child]] = [heap[child], heap[parent]];
          child = parent;
        }
      } else if (better(slot, heap[0])) {
        heap[0] = slot;
        let parent = 0;
        for (;;) {
          const left = 2 * parent + 1;
          const right = left + 1;
          let worst = parent;
          if (left < heap.length && better(heap[worst], heap[left])) worst = left;
          if (right < heap.length && better(heap[worst], heap[right])) worst = right;
          if (worst === parent) break;
          [heap[worst], heap[parent]] = [heap[parent], heap[worst]];
          parent = worst;
        }
      }
    }
    return heap.sort((left, right) => (better(left, right) ? -1 : better(right, left) ? 1 : 0));
  }

  // Renumbers live documents densely and drops dead postings.
  private compact(): void {
    const newSlot = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const values: (T | undefined)[] = [];
    const lengths = new Int32Array(Math.max(1024, this.liveCount));
    const slotTerms: (Int32Array | undefined)[] = [];
    this.slotMap = undefined;
    this.ids.forEach((id, slot) => {
      if (id === undefined) return;
      newSlot[slot] = ids.length;
      lengths[ids.length] = this.lengths[slot];
      ids.push(id);
      values.push(this.values[slot]);
      slotTerms.push(this.slotTerms[slot]);
    });
    const postings = this.postings;
    for (let termId = 0; termId < postings.termCount; termId++) {
      const start = postings.open(termId);
      const { slots, frequencies } = postings;
      const end = start + 2 * postings.length(termId);
      let kept = start;
      for (let at = start; at < end; at += 2) {
        const slot = newSlot[slots[at]];
        if (slot < 0) continue;
        slots[kept] = slot;
        frequencies[kept + 1] = frequencies[at + 1];
        kept += 2;
      }
      postings.setLength(termId, (kept - start) / 2);
    }
    this.ids = ids;
    this.values = values;
    this.lengths = lengths;
    this.slotTerms = slotTerms;
    this.deadPostings = 0;
  }
}

function grown<A extends Int32Array | Float32Array>(array: A, length: number): A {
  const next = new (array.constructor as new (length: number) => A)(Math.max(4, length));
  next.set(array);
  return next;
}
