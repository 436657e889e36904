// BM25 posting lists in one arena: every term's postings are (slot, tf) pairs interleaved in one shared
// Int32Array (tf stored as float32 bits through a Float32Array view of the same buffer, as the old
// per-term Float32Arrays held it), and every term's bookkeeping (start, length, capacity, document
// frequency) is four adjacent int32s. Appending a posting touches two cache lines (the term's head
// and the list's end) instead of the 4–6 that per-term typed arrays and per-field JS arrays cost (an
// ingest's BM25 appends are memory-bound), and a new term allocates no object.
//
// A list that fills up moves to the arena's end with twice the room; the holes lists leave are
// reclaimed when the arena needs room and holes exceed half of what the lists hold (repacked into a new
// buffer instead of growing), so the buffer stays within ~2.25× the lists' capacity. A restored index's lists stay packed (packed-postings.ts)
// until first used: `open` unpacks a term into the arena then.
import { type PackedPostings, unpackPostings } from './packed-postings.js';

/** Capacity marker of a term whose postings are still packed. */
const packedMarker = -1;

/** Pairs a list of `count` postings gets when copied in from a plain state. */
const copiedCapacity = (count: number) => Math.max(2, count);
/** Pairs a packed list of `count` postings gets when unpacked: a little room to append. */
const unpackedCapacity = (count: number) => Math.max(2, count + (count >> 3));

export class PostingArena {
  /** Posting pairs: slot at even offsets; tf (float32 bits) at odd ones, read through `frequencies`. */
  slots: Int32Array;
  /** The same buffer as `slots`, for the tfs at odd offsets. */
  frequencies: Float32Array;
  private heads: Int32Array = new Int32Array(4 * 1024);
  private terms = 0;
  private used = 0;
  /** Int32s held by the lists' current regions (the rest of `used` are holes). */
  private held = 0;
  private packed: PackedPostings | undefined;

  constructor(capacity = 1 << 16) {
    this.slots = new Int32Array(capacity);
    this.frequencies = new Float32Array(this.slots.buffer);
  }

  get termCount(): number {
    return this.terms;
  }

  /**
   * Makes room, before a restore adds its terms, for every list of `counts` at the capacity it will
   * have (unpacked on first use when `packed`, else copied), so first queries never copy the arena
   * (untouched pages cost no memory).
   */
  reserveFor(counts: ArrayLike<number>, packed: boolean): void {
    let pairs = 0;
    for (let termId = 0; termId < counts.length; termId++)
      pairs += packed ? unpackedCapacity(counts[termId]) : copiedCapacity(counts[termId]);
    const size = this.used + 2 * pairs;
    if (size > this.slots.length) {
      this.slots = grownInt32(this.slots, Math.ceil(size / 1024) * 1024);
      this.frequencies = new Float32Array(this.slots.buffer);
    }
  }

  /** A new term with no postings; returns its id. */
  addTerm(): number {
    const termId = this.terms++;
    if (4 * this.terms > this.heads.length) this.heads = grownInt32(this.heads, this.heads.length * 2);
    return termId;
  }

  /** A new term whose `count` postings are in `packed` (unpacked on first `open`). */
  addPackedTerm(packed: PackedPostings, count: number): number {
    const termId = this.addTerm();
    this.packed = packed;
    const head = termId << 2;
    this.heads[head + 1] = count;
    this.heads[head + 2] = packedMarker;
    this.heads[head + 3] = count;
    return termId;
  }

  /** A new term with `count` postings copied from `slots`/`frequencies` (a plain state's lists). */
  addCopiedTerm(slots: Int32Array, frequencies: Float32Array): number {
    const termId = this.addTerm();
    const count = slots.length;
    const start = this.allocate(termId << 2, 0, copiedCapacity(count));
    for (let index = 0; index < count; index++) {
      this.slots[start + 2 * index] = slots[index];
      this.frequencies[start + 2 * index + 1] = frequencies[index];
    }
    this.heads[(termId << 2) + 1] = count;
    this.heads[(termId << 2) + 3] = count;
    return termId;
  }

  /** Postings in the term's list (live and tombstoned). */
  length(termId: number): number {
    return this.heads[(termId << 2) + 1];
  }

  setLength(termId: number, length: number): void {
    this.heads[(termId << 2) + 1] = length;
  }

  /** Live postings: the document frequency. */
  documentFrequency(termId: number): number {
    return this.heads[(termId << 2) + 3];
  }

  /** One document holding the term was removed. */
  removedOne(termId: number): void {
    this.heads[(termId << 2) + 3]--;
  }

  /**
   * Where the term's pairs start in `slots`/`frequencies` (unpacking them first if still packed). Read
   * `slots` and `frequencies` after calling: unpacking may move the arena to a bigger buffer.
   */
  open(termId: number): number {
    const head = termId << 2;
    if (this.heads[head + 2] === packedMarker) this.unpack(termId);
    return this.heads[head];
  }

  /** Appends the posting (slot, tf) to the term's list; counts it in the document frequency. */
  append(termId: number, slot: number, tf: number): void {
    const heads = this.heads;
    const head = termId << 2;
    const length = heads[head + 1];
    let start = heads[head];
    if (length >= heads[head + 2]) {
      if (heads[head + 2] === packedMarker) this.unpack(termId);
      if (length >= heads[head + 2]) start = this.allocate(head, length, Math.max(2, length * 2));
      else start = heads[head];
    }
    const at = start + 2 * length;
    this.slots[at] = slot;
    this.frequencies[at + 1] = tf;
    heads[head + 1] = length + 1;
    heads[head + 3]++;
  }

  // The term's packed postings into a region with a little room to append.
  private unpack(termId: number): void {
    const head = termId << 2;
    const count = this.heads[head + 1];
    const start = this.allocate(head, 0, unpackedCapacity(count));
    unpackPostings(this.packed!, termId, count, this.slots, this.frequencies, start, start + 1, 2);
  }

  // A region of `capacity` pairs at the arena's end for the list at `head`, its first `keep` pairs
  // copied from its old region; returns the region's start.
  private allocate(head: number, keep: number, capacity: number): number {
    const heads = this.heads;
    const oldCapacity = Math.max(heads[head + 2], 0);
    const needed = 2 * capacity;
    if (this.used + needed > this.slots.length) this.makeRoom(needed);
    const start = this.used;
    if (keep > 0) this.slots.copyWithin(start, heads[head], heads[head] + 2 * keep);
    heads[head] = start;
    heads[head + 2] = capacity;
    this.used += needed;
    this.held += needed - 2 * oldCapacity;
    return start;
  }

  // Room for `needed` more int32s, with half as much again to spare: the lists repacked into a new
  // buffer (holes dropped) once holes exceed half of what the lists hold, else the buffer grown.
  private makeRoom(needed: number): void {
    const holes = this.used - this.held;
    if (2 * holes <= this.held) {
      this.slots = grownInt32(this.slots, roomFor(this.used + needed, 2));
      this.frequencies = new Float32Array(this.slots.buffer);
      return;
    }
    const slots = new Int32Array(roomFor(this.held + needed));
    const heads = this.heads;
    let used = 0;
    for (let head = 0; head < 4 * this.terms; head += 4) {
      const capacity = heads[head + 2];
      if (capacity <= 0) continue;
      slots.set(this.slots.subarray(heads[head], heads[head] + 2 * heads[head + 1]), used);
      heads[head] = used;
      used += 2 * capacity;
    }
    this.slots = slots;
    this.frequencies = new Float32Array(slots.buffer);
    this.used = used;
  }
}

/** A buffer size with half again as much room as `size` (in whole 4 KiB pages). */
function roomFor(size: number, factor = 1.5): number {
  return Math.ceil((size * factor) / 1024) * 1024;
}

function grownInt32(array: Int32Array, length: number): Int32Array {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}
