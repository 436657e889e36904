// The approximate vector index for large collections: every vector is kept as 1 bit per dimension
// (its sign, as sqlite-vec's vec_quantize_binary does) plus the float vector for rescoring. A query
// ranks all codes by Hamming distance (XOR + popcount over 32-bit words: ~12 words for 384-d), then
// rescores the best `oversample × limit` exactly by cosine. Rebuilt from the store on first use.

export interface QuantizedSearchOptions {
  limit: number;
  oversample?: number;
}

export class QuantizedVectorIndex {
  readonly dimension: number;
  private readonly words: number;
  private ids = new Int32Array(1024);
  private codes: Uint32Array;
  private vectors: Float32Array;
  private count = 0;
  private readonly slotOf = new Map<number, number>();
  private distances = new Uint16Array(0);

  constructor(dimension: number) {
    this.dimension = dimension;
    this.words = Math.ceil(dimension / 32);
    this.codes = new Uint32Array(1024 * this.words);
    this.vectors = new Float32Array(1024 * dimension);
  }

  get size(): number {
    return this.slotOf.size;
  }

  add(id: number, vector: Float32Array): void {
    if (this.slotOf.has(id)) this.remove(id);
    if (this.count === this.ids.length) this.grow();
    const slot = this.count++;
    this.ids[slot] = id;
    this.slotOf.set(id, slot);
    let norm = 0;
    for (const value of vector) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const offset = slot * this.dimension;
    const codeOffset = slot * this.words;
    for (let word = 0; word < this.words; word++) this.codes[codeOffset + word] = 0;
    for (let component = 0; component < this.dimension; component++) {
      const value = vector[component] * scale;
      this.vectors[offset + component] = value;
      if (value > 0) this.codes[codeOffset + (component >>> 5)] |= 1 << (component & 31);
    }
  }

  /** Removes by moving the last slot into the hole, so the arrays stay dense. */
  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const last = --this.count;
    this.slotOf.delete(id);
    if (slot !== last) {
      const movedId = this.ids[last];
      this.ids[slot] = movedId;
      this.slotOf.set(movedId, slot);
      this.codes.copyWithin(slot * this.words, last * this.words, (last + 1) * this.words);
      this.vectors.copyWithin(slot * this.dimension, last * this.dimension, (last + 1) * this.dimension);
    }
    return true;
  }

  /** Ids with cosine distance (1 − cosine similarity), nearest first. */
  search(
    query: Float32Array,
    { limit, oversample = 8 }: QuantizedSearchOptions,
  ): { id: number; distance: number }[] {
    if (this.count === 0 || limit <= 0) return [];
    const words = this.words;
    const code = new Uint32Array(words);
    let norm = 0;
    for (const value of query) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let component = 0; component < this.dimension; component++) {
      if (query[component] > 0) code[component >>> 5] |= 1 << (component & 31);
    }
    // Counting sort by Hamming distance: distances are small integers (0..dimension).
    if (this.distances.length < this.count) this.distances = new Uint16Array(this.ids.length);
    const distances = this.distances;
    const histogram = new Uint32Array(this.dimension + 2);
    for (let slot = 0; slot < this.count; slot++) {
      let distance = 0;
      const offset = slot * words;
      for (let word = 0; word < words; word++) {
        let value = (this.codes[offset + word] ^ code[word]) >>> 0;
        value -= (value >>> 1) & 0x55555555;
        value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
        distance += (Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
      }
      distances[slot] = distance;
      histogram[distance]++;
    }
    const wanted = Math.min(this.count, limit * oversample);
    let cutoff = 0;
    for (let seen = 0; cutoff <= this.dimension; cutoff++) {
      seen += histogram[cutoff];
      if (seen >= wanted) break;
    }
    const results: { id: number; distance: number }[] = [];
    for (let slot = 0; slot < this.count; slot++) {
      if (distances[slot] > cutoff) continue;
      let dot = 0;
      const offset = slot * this.dimension;
      for (let component = 0; component < this.dimension; component++)
        dot += this.vectors[offset + component] * query[component];
      results.push({ id: this.ids[slot], distance: 1 - dot * scale });
    }
    results.sort((left, right) => left.distance - right.distance || left.id - right.id);
    return results.slice(0, limit);
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const ids = new Int32Array(capacity);
    ids.set(this.ids);
    this.ids = ids;
    const codes = new Uint32Array(capacity * this.words);
    codes.set(this.codes);
    this.codes = codes;
    const vectors = new Float32Array(capacity * this.dimension);
    vectors.set(this.vectors);
    this.vectors = vectors;
  }
}
