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

export interface SlotFilter {
  kinds?: ReadonlySet<MemoryKind>;
  session?: string;
  from?: number;
  to?: number;
}

const kindCodes = new Map<MemoryKind, number>([
  ['episode', 0],
  ['fact', 1],
  ['summary', 2],
]);

export class MemoryIndex {
  /** BM25 whose filters see the item's slot (no lookup by id, no object read per matching turn). */
  readonly lexical = new Bm25Index<number>({ analyzer: analyzeMemoryText });
  readonly items = new Map<string, IndexedItem>();
  /** Episode ids of each session in time order (for neighbour expansion). */
  readonly sessions = new Map<string, string[]>();
  vectors: QuantizedVectorIndex | undefined;
  private readonly bySlot = new Map<number, string>();
  // What recall's filters read, by slot, in typed arrays: a filter over tens of thousands of BM25
  // matches then reads a few contiguous numbers per match instead of an object scattered in the heap.
  private slotAt = new Float64Array(1024);
  private slotKind = new Uint8Array(1024);
  private slotSession = new Int32Array(1024);
  private readonly sessionNumbers = new Map<string, number>();
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
    this.lexical.add(item.id, `${item.speaker} ${item.text}`, slot);
    this.recordSlot(slot, indexed);
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

  /** A predicate over slots for recall's filters (undefined: no filter). */
  slotFilter(filter: SlotFilter): ((slot: number) => boolean) | undefined {
    const { kinds, session, from = -Infinity, to = Infinity } = filter;
    if (!kinds && session === undefined && from === -Infinity && to === Infinity) return undefined;
    let kindMask = 0;
    for (const kind of kinds ?? kindCodes.keys()) kindMask |= 1 << kindCodes.get(kind)!;
    const sessionNumber = session === undefined ? -1 : (this.sessionNumbers.get(session) ?? -2);
    const at = this.slotAt;
    const kindOf = this.slotKind;
    const sessionOf = this.slotSession;
    return (slot) =>
      (kindMask & (1 << kindOf[slot])) !== 0 &&
      at[slot] >= from &&
      at[slot] <= to &&
      (sessionNumber === -1 || sessionOf[slot] === sessionNumber);
  }

  private recordSlot(slot: number, item: IndexedItem): void {
    if (slot >= this.slotAt.length) {
      const size = this.slotAt.length * 2;
      const at = new Float64Array(size);
      at.set(this.slotAt);
      this.slotAt = at;
      const kinds = new Uint8Array(size);
      kinds.set(this.slotKind);
      this.slotKind = kinds;
      const sessions = new Int32Array(size);
      sessions.set(this.slotSession);
      this.slotSession = sessions;
    }
    let session = this.sessionNumbers.get(item.session);
    if (session === undefined) {
      session = this.sessionNumbers.size;
      this.sessionNumbers.set(item.session, session);
    }
    this.slotAt[slot] = item.at;
    this.slotKind[slot] = kindCodes.get(item.kind)!;
    this.slotSession[slot] = session;
  }

  searchVectors(query: Float32Array, limit: number): { id: string; similarity: number }[] {
    if (!this.vectors || query.length !== this.vectors.dimension) return [];
    return this.vectors
      .search(query, { limit, oversample: 8 })
      .map((hit) => ({ id: this.bySlot.get(hit.id)!, similarity: 1 - hit.distance }))
      .filter((hit) => hit.id !== undefined);
  }
}
