// One user's retrieval index, in memory: BM25 over episodes, active facts and summaries (the RAG
// analyzer and index), and optional vectors in a quantized index. Built from the store on first use,
// kept in step by the memory service, dropped on erasure.
import type { Embedder } from '../search/index.js';
import { Bm25Index, QuantizedVectorIndex } from '../search/index.js';
import type { MemoryRole } from '../store/index.js';
import { analyzeMemoryText } from './memory-analyzer.js';
import type { MemoryKind } from './recall-types.js';

export interface IndexedItem {
  id: string;
  kind: MemoryKind;
  text: string;
  session: string;
  speaker: string;
  role: MemoryRole;
  at: number;
  importance: number;
  sourceIds: string[];
  /** Number used by the vector index. */
  slot: number;
}

export class MemoryIndex {
  readonly lexical = new Bm25Index({ analyzer: analyzeMemoryText });
  readonly items = new Map<string, IndexedItem>();
  /** Episode ids of each session in time order (for neighbour expansion). */
  readonly sessions = new Map<string, string[]>();
  vectors: QuantizedVectorIndex | undefined;
  private readonly bySlot = new Map<number, string>();
  private nextSlot = 0;
  /** Items by time, for time-filtered recall; sorted lazily (appends are mostly in order). */
  private timeline: IndexedItem[] = [];
  private timelineSorted = true;
  newest = 0;

  constructor(readonly embedder: Embedder | undefined) {}

  add(item: Omit<IndexedItem, 'slot'>, vector?: Float32Array): void {
    const existing = this.items.get(item.id);
    if (existing) this.remove(item.id);
    const slot = this.nextSlot++;
    const indexed = { ...item, slot };
    this.items.set(item.id, indexed);
    this.bySlot.set(slot, item.id);
    this.lexical.add(item.id, `${item.speaker} ${item.text}`);
    if (this.timeline.length > 0 && this.timeline[this.timeline.length - 1].at > item.at)
      this.timelineSorted = false;
    this.timeline.push(indexed);
    if (item.at > this.newest) this.newest = item.at;
    if (item.kind === 'episode') {
      const list = this.sessions.get(item.session) ?? [];
      list.push(item.id);
      if (list.length > 1 && this.items.get(list[list.length - 2])!.at > item.at) {
        list.sort((left, right) => this.items.get(left)!.at - this.items.get(right)!.at);
      }
      this.sessions.set(item.session, list);
    }
    if (vector) {
      this.vectors ??= new QuantizedVectorIndex(vector.length);
      if (vector.length === this.vectors.dimension) this.vectors.add(slot, vector);
    }
  }

  remove(id: string): boolean {
    const item = this.items.get(id);
    if (!item) return false;
    this.items.delete(id);
    this.bySlot.delete(item.slot);
    this.lexical.remove(id);
    this.vectors?.remove(item.slot);
    if (item.kind === 'episode') {
      const list = this.sessions.get(item.session);
      if (list) {
        const remaining = list.filter((other) => other !== id);
        if (remaining.length) this.sessions.set(item.session, remaining);
        else this.sessions.delete(item.session);
      }
    }
    return true;
  }

  /** Up to `limit` live items said within [from, to], newest first, that pass `accept`. */
  inRange(from: number, to: number, limit: number, accept: (item: IndexedItem) => boolean): IndexedItem[] {
    if (!this.timelineSorted || this.timeline.length > this.items.size * 2) {
      this.timeline = [...this.items.values()].sort((left, right) => left.at - right.at);
      this.timelineSorted = true;
    }
    let low = 0;
    let high = this.timeline.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.timeline[middle].at <= to) low = middle + 1;
      else high = middle;
    }
    const found: IndexedItem[] = [];
    for (let position = low - 1; position >= 0 && found.length < limit; position--) {
      const item = this.timeline[position];
      if (item.at < from) break;
      if (this.items.get(item.id) === item && accept(item)) found.push(item);
    }
    return found;
  }

  searchVectors(query: Float32Array, limit: number): { id: string; similarity: number }[] {
    if (!this.vectors || query.length !== this.vectors.dimension) return [];
    return this.vectors
      .search(query, { limit, oversample: 8 })
      .map((hit) => ({ id: this.bySlot.get(hit.id)!, similarity: 1 - hit.distance }))
      .filter((hit) => hit.id !== undefined);
  }
}
