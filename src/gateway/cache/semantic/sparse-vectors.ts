// Sparse vectors by slot, in one arena: a slot's non-zero coordinates and their values lie
// interleaved (coordinate, value, coordinate, value, ...), so scoring a candidate touches a few
// adjacent cache lines instead of a whole dense row (100 MB of dense rows at 100k entries: a search
// is bound by memory latency, not arithmetic). Removed slots leave holes that a compaction reclaims
// when they make up half the arena.
export class SparseVectors {
  /**
   * Pairs: the coordinate and its value. One buffer seen twice: the coordinate is read as an integer
   * (`coordinates[i]`), the value as a float (`pairs[i + 1]`), so that the dot product indexes the
   * dense vector with a small integer.
   */
  private pairs = new Float32Array(2048);
  private coordinates = new Int32Array(this.pairs.buffer);
  /** Per slot: offset (in pairs) and length, side by side. */
  private spans: Uint32Array;
  private end = 0;
  private live = 0;

  constructor(capacity: number) {
    this.spans = new Uint32Array(capacity * 2);
  }

  /** Room for slots below `capacity`. */
  grow(capacity: number): void {
    const spans = new Uint32Array(capacity * 2);
    spans.set(this.spans);
    this.spans = spans;
  }

  /** Stores the first `dimension` coordinates of `vector` in `slot` (empty or deleted). */
  set(slot: number, vector: Float32Array, dimension: number): void {
    let size = 0;
    for (let k = 0; k < dimension; k++) if (vector[k] !== 0) size++;
    this.reserve(size);
    const offset = this.end;
    let at = offset * 2;
    for (let k = 0; k < dimension; k++) {
      if (vector[k] === 0) continue;
      this.coordinates[at++] = k;
      this.pairs[at++] = vector[k];
    }
    this.spans[slot * 2] = offset;
    this.spans[slot * 2 + 1] = size;
    this.end += size;
    this.live += size;
  }

  delete(slot: number): void {
    this.live -= this.spans[slot * 2 + 1];
    this.spans[slot * 2 + 1] = 0;
  }

  /**
   * Dot product of a slot with a dense vector. The terms are added in increasing coordinate order,
   * the same sum (to the bit) as a dense dot product over either vector's non-zero coordinates.
   */
  dot(slot: number, dense: Float32Array): number {
    const { pairs, coordinates, spans } = this;
    const start = spans[slot * 2] * 2;
    const stop = start + spans[slot * 2 + 1] * 2;
    let sum = 0;
    for (let i = start; i < stop; i += 2) sum += pairs[i + 1] * dense[coordinates[i]];
    return sum;
  }

  /** A slot's first coordinate (a read that brings its pairs into the cache ahead of dot()). */
  first(slot: number): number {
    return this.coordinates[this.spans[slot * 2] * 2];
  }

  /**
   * Reads one word of every cache line of the given slots' pairs, the slots' spans first: the reads
   * of one pass do not depend on one another, so the memory fetches of all candidates overlap
   * instead of a dot product waiting on each line of its slot in turn. Returns a value to keep.
   */
  touch(slots: Int32Array, count: number): number {
    const { coordinates, spans } = this;
    let sink = 0;
    for (let k = 0; k < count; k++) sink += spans[slots[k] * 2];
    for (let k = 0; k < count; k++) {
      const start = spans[slots[k] * 2] * 2;
      const stop = start + spans[slots[k] * 2 + 1] * 2;
      // 16 four-byte words to a 64-byte line.
      for (let i = start; i < stop; i += 16) sink ^= coordinates[i];
      if (stop > start) sink ^= coordinates[stop - 1];
    }
    return sink;
  }

  private reserve(size: number): void {
    if ((this.end + size) * 2 <= this.pairs.length) return;
    if (this.end - this.live >= this.live) this.compact();
    let length = this.pairs.length;
    while ((this.end + size) * 2 > length) length *= 2;
    if (length === this.pairs.length) return;
    // Copied as integers: bit for bit, whatever a coordinate's bits would mean as a float.
    const coordinates = new Int32Array(length);
    coordinates.set(this.coordinates.subarray(0, this.end * 2));
    this.coordinates = coordinates;
    this.pairs = new Float32Array(coordinates.buffer);
  }

  /** Moves every stored slot down over the holes, in offset order. */
  private compact(): void {
    const slots: number[] = [];
    const { spans } = this;
    for (let slot = 0; slot * 2 < spans.length; slot++) if (spans[slot * 2 + 1] > 0) slots.push(slot);
    slots.sort((left, right) => spans[left * 2] - spans[right * 2]);
    let at = 0;
    for (const slot of slots) {
      const start = spans[slot * 2];
      const size = spans[slot * 2 + 1];
      this.coordinates.copyWithin(at * 2, start * 2, (start + size) * 2);
      spans[slot * 2] = at;
      at += size;
    }
    this.end = at;
  }
}
