// The approximate vector index for large collections: every vector is kept as 1 bit per dimension
// (its sign, as sqlite-vec's vec_quantize_binary does) plus a copy for rescoring: the normalised float
// vector, or (`rescore: 'int8'`) one signed byte per dimension with a per-vector scale (a quarter of
// the memory; what the RAG pipeline persists, 384 MB for 1M 384-d vectors). A query ranks all codes by
// Hamming distance (XOR + popcount over 32-bit words: ~12 words for 384-d), then rescores the best
// candidates by cosine. The number of candidates grows with the collection (`candidateCount`): a fixed
// 8 × k held recall@10 at 0.96 at 100k vectors but fell to 0.52 at 1M, since ten times as many vectors
// crowd each Hamming radius.

export interface QuantizedSearchOptions {
  limit: number;
  /** Candidates per result at 100k vectors (default 8); see `candidateCount`. */
  oversample?: number;
  /** Hamming candidates to rescore, instead of `candidateCount(limit, size, oversample)`. */
  candidates?: number;
}

export interface QuantizedIndexOptions {
  /** The copy kept to rescore: normalised float32 (default) or int8 with a scale per vector. */
  rescore?: 'float32' | 'int8';
}

/** An int8 index as flat arrays, for persisting; `restore` reads them back. */
export interface QuantizedState {
  dimension: number;
  ids: Int32Array;
  codes: Uint32Array;
  scalars: Int8Array;
  scales: Float32Array;
}

/**
 * How many Hamming candidates to rescore for `limit` results among `size` vectors: `oversample × limit`
 * up to 100k vectors, then growing in proportion to the collection (the same fraction of it), so that
 * recall against exact search holds as the collection grows. Measured on bench/rag's clustered
 * 384-d data (40 queries, bench/rag/binary-recall.ts), recall@10 against exact by candidates rescored:
 * 100k: 80 → 0.965, 200 → 1.000; 1M: 80 → 0.455, 200 → 0.667, 500 → 0.912, 1,000 → 1.000 (this
 * rule gives 800).
 */
export function candidateCount(limit: number, size: number, oversample = 8): number {
  const base = limit * oversample;
  return Math.min(size, Math.max(base, Math.ceil((base * size) / 100_000)));
}

export class QuantizedVectorIndex {
  readonly dimension: number;
  private readonly words: number;
  private ids: Int32Array = new Int32Array(1024);
  private codes: Uint32Array;
  private vectors: Float32Array;
  private scalars: Int8Array;
  private scales: Float32Array;
  private readonly int8: boolean;
  private count = 0;
  private slotMap: Map<number, number> | undefined = new Map<number, number>();
  private distances = new Uint16Array(0);

  constructor(dimension: number, { rescore = 'float32' }: QuantizedIndexOptions = {}) {
    this.dimension = dimension;
    this.words = Math.ceil(dimension / 32);
    this.int8 = rescore === 'int8';
    this.codes = new Uint32Array(1024 * this.words);
    this.vectors = new Float32Array(this.int8 ? 0 : 1024 * dimension);
    this.scalars = new Int8Array(this.int8 ? 1024 * dimension : 0);
    this.scales = new Float32Array(this.int8 ? 1024 : 0);
  }

  get size(): number {
    return this.count;
  }

  // id → slot, built lazily after a restore.
  private get slotOf(): Map<number, number> {
    if (!this.slotMap) {
      this.slotMap = new Map();
      for (let slot = 0; slot < this.count; slot++) this.slotMap.set(this.ids[slot], slot);
    }
    return this.slotMap;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** The index's arrays (an int8 index only), for persisting. */
  exportState(): QuantizedState {
    if (!this.int8) throw new Error('QuantizedVectorIndex.exportState needs rescore: int8');
    return {
      dimension: this.dimension,
      ids: this.ids.subarray(0, this.count),
      codes: this.codes.subarray(0, this.count * this.words),
      scalars: this.scalars.subarray(0, this.count * this.dimension),
      scales: this.scales.subarray(0, this.count),
    };
  }

  /** An int8 index over `exportState`'s arrays (no copy). */
  static restore(state: QuantizedState): QuantizedVectorIndex {
    const index = new QuantizedVectorIndex(state.dimension, { rescore: 'int8' });
    index.count = state.ids.length;
    index.ids = state.ids;
    index.codes = state.codes;
    index.scalars = state.scalars;
    index.scales = state.scales;
    index.slotMap = undefined;
    return index;
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
    let largest = 0;
    for (let component = 0; component < this.dimension; component++) {
      const value = vector[component] * scale;
      if (!this.int8) this.vectors[offset + component] = value;
      else if (Math.abs(value) > largest) largest = Math.abs(value);
      if (value > 0) this.codes[codeOffset + (component >>> 5)] |= 1 << (component & 31);
    }
    if (this.int8) {
      const step = largest > 0 ? largest / 127 : 1;
      this.scales[slot] = step;
      for (let component = 0; component < this.dimension; component++)
        this.scalars[offset + component] = Math.round((vector[component] * scale) / step);
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
      const from = last * this.dimension;
      if (this.int8) {
        this.scalars.copyWithin(slot * this.dimension, from, from + this.dimension);
        this.scales[slot] = this.scales[last];
      } else this.vectors.copyWithin(slot * this.dimension, from, from + this.dimension);
    }
    return true;
  }

  /** Ids with cosine distance (1 − cosine similarity), nearest first (int8: within ~1e-3). */
  search(
    query: Float32Array,
    { limit, oversample = 8, candidates }: QuantizedSearchOptions,
  ): { id: number; distance: number }[] {
    if (this.count === 0 || limit <= 0) return [];
    let norm = 0;
    for (const value of query) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const results: { id: number; distance: number }[] = [];
    const dimension = this.dimension;
    const wanted = candidates ?? candidateCount(limit, this.count, oversample);
    for (const slot of this.candidateSlots(query, wanted)) {
      let dot = 0;
      const offset = slot * dimension;
      if (this.int8) {
        const scalars = this.scalars;
        for (let component = 0; component < dimension; component++)
          dot += scalars[offset + component] * query[component];
        dot *= this.scales[slot];
      } else {
        const vectors = this.vectors;
        for (let component = 0; component < dimension; component++)
          dot += vectors[offset + component] * query[component];
      }
      results.push({ id: this.ids[slot], distance: 1 - dot * scale });
    }
    results.sort((left, right) => left.distance - right.distance || left.id - right.id);
    return results.slice(0, limit);
  }

  /**
   * The ids of (at least) the `count` codes nearest the query's in Hamming distance, every code tied
   * with the last one included; for a caller that rescores them itself.
   */
  candidates(query: Float32Array, count: number): number[] {
    return this.candidateSlots(query, count).map((slot) => this.ids[slot]);
  }

  private candidateSlots(query: Float32Array, wanted: number): number[] {
    if (this.count === 0 || wanted <= 0) return [];
    const words = this.words;
    const code = new Uint32Array(words);
    for (let component = 0; component < this.dimension; component++) {
      if (query[component] > 0) code[component >>> 5] |= 1 << (component & 31);
    }
    // Counting sort by Hamming distance: distances are small integers (0..dimension).
    if (this.distances.length < this.count) this.distances = new Uint16Array(this.ids.length);
    const distances = this.distances;
    const codes = this.codes;
    const histogram = new Uint32Array(this.dimension + 2);
    for (let slot = 0; slot < this.count; slot++) {
      let distance = 0;
      const offset = slot * words;
      for (let word = 0; word < words; word++) {
        let value = (codes[offset + word] ^ code[word]) >>> 0;
        value -= (value >>> 1) & 0x55555555;
        value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
        distance += (Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
      }
      distances[slot] = distance;
      histogram[distance]++;
    }
    const target = Math.min(this.count, wanted);
    let cutoff = 0;
    for (let seen = 0; cutoff <= this.dimension; cutoff++) {
      seen += histogram[cutoff];
      if (seen >= target) break;
    }
    const slots: number[] = [];
    for (let slot = 0; slot < this.count; slot++) if (distances[slot] <= cutoff) slots.push(slot);
    return slots;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const ids = new Int32Array(capacity);
    ids.set(this.ids);
    this.ids = ids;
    const codes = new Uint32Array(capacity * this.words);
    codes.set(this.codes);
    this.codes = codes;
    if (this.int8) {
      const scalars = new Int8Array(capacity * this.dimension);
      scalars.set(this.scalars);
      this.scalars = scalars;
      const scales = new Float32Array(capacity);
      scales.set(this.scales);
      this.scales = scales;
    } else {
      const vectors = new Float32Array(capacity * this.dimension);
      vectors.set(this.vectors);
      this.vectors = vectors;
    }
  }
}
