// Approximate nearest neighbours by random-hyperplane LSH (Charikar 2002): each table hashes a
// unit vector to `bits` signs of Gaussian random projections, computed over the vector's non-zero
// coordinates only (hashed embeddings are sparse). A search scores only the entries that share a
// bucket with the query in some table, so it costs the projections plus the bucket-mates, whatever
// the number of entries. With `pairedTables` (Andoni & Indyk 2006) the tables are the pairs of
// `groups` shorter codes of `bits / 2` signs: 81 projections instead of 576 for 36 tables of 18
// bits, for somewhat lower recall than independent tables (docs/benchmarks.md). Buckets are keyed by
// scope as well, so other scopes' entries are not scored.
import { seededRandom } from '../../../random/index.js';
import { BucketChains } from './bucket-chains.js';
import { type PairTables, pairTables } from './pair-tables.js';
import { type ProjectionKernel, projectionKernel } from './projection-kernel.js';
import { SparseVectors } from './sparse-vectors.js';

/** Which 32-bit word of a double holds its sign and exponent (1 on little-endian machines). */
const highWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** 2^20 buckets per table (4 MB of heads per table) at most; longer codes fold onto them. */
const maximumBucketBits = 20;

export interface LshIndexOptions {
  dimension: number;
  tables?: number;
  /** Bits of a table's code (with pairedTables: two groups of `bits / 2`, rounded down to even). */
  bits?: number;
  /**
   * Tables made of pairs of shorter codes (the fewest groups whose pairs number at least `tables`):
   * about 7x fewer projections per search, and lower recall than as many independent tables.
   */
  pairedTables?: boolean;
  seed?: number;
  /** Up to this many entries a search scans them all (exact); beyond, it reads the LSH buckets. */
  exhaustiveBelow?: number;
  /**
   * Multi-probe (Lv et al. 2007, in its simplest form): a search also reads, in each table, the
   * buckets one sign away from the query's. More recall for many more bucket reads; off by default.
   */
  multiProbe?: boolean;
  /** Projections by the WebAssembly SIMD kernel where available (default); false: JavaScript only. */
  simd?: boolean;
}

export interface LshMatch {
  id: number;
  similarity: number;
}

export class LshIndex {
  readonly dimension: number;
  private readonly tables: number;
  private readonly bits: number;
  private readonly groupBits: number;
  private readonly paired: boolean;
  /** The two groups of each table: first[t], second[t]. */
  private readonly first: Uint8Array;
  private readonly second: Uint8Array;
  /** dimension × projections, row-major by coordinate: one row is read per non-zero coordinate. */
  private readonly planes: Float64Array;
  private readonly projections: Float64Array;
  /** The projections' bits as 32-bit words (the sign bit read without a comparison; see hashGroups). */
  private readonly projectionWords: Int32Array;
  /** The SIMD kernel and its inputs in its memory (with planes and projections there too). */
  private readonly kernel: ProjectionKernel | undefined;
  private readonly groupCodes: Uint32Array;
  /** Built when the index outgrows `exhaustiveBelow`. */
  private chains: BucketChains | undefined;
  /** Stored vectors, sparse: each slot's non-zero coordinates and values (see SparseVectors). */
  private readonly vectors: SparseVectors;
  /** Slot storage: the scope and bucket keys of each slot, free slots. */
  private scopes: Uint32Array;
  private keys: Uint32Array;
  private stamps: Uint32Array;
  private used: Uint8Array;
  private stamp = 0;
  private capacity = 1024;
  private next = 0;
  private readonly free: number[] = [];
  private count = 0;
  private readonly exhaustiveBelow: number;
  private readonly multiProbe: boolean;
  private readonly nonZero: Int32Array;
  /** Per search: each table's first bucket-mate, and the distinct bucket-mates. */
  private readonly firstInBucket: Int32Array;
  private candidates: Int32Array = new Int32Array(256);
  /** Keeps a search's touch reads (see search) from being optimised away. */
  private touched = 0;

  constructor({
    dimension,
    tables = 32,
    bits = 18,
    seed = 7,
    exhaustiveBelow = 2_048,
    multiProbe = false,
    pairedTables = false,
    simd = true,
  }: LshIndexOptions) {
    this.dimension = dimension;
    this.exhaustiveBelow = exhaustiveBelow;
    this.multiProbe = multiProbe;
    this.groupBits = pairedTables ? Math.max(1, bits >> 1) : bits;
    this.bits = pairedTables ? this.groupBits * 2 : bits;
    // Independent tables are groups of their own: table t is group t (`second` unused).
    const pairs = pairedTables ? pairTables(tables) : ownTables(tables);
    this.paired = pairedTables;
    this.tables = pairs.first.length;
    this.first = pairs.first;
    this.second = pairs.second;
    const random = seededRandom(seed);
    const projectionCount = pairs.groups * this.groupBits;
    this.kernel = simd ? projectionKernel(dimension, projectionCount) : undefined;
    this.planes = this.kernel?.planes ?? new Float64Array(dimension * projectionCount);
    for (let i = 0; i < this.planes.length; i++)
      this.planes[i] = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    this.projections = this.kernel?.projections ?? new Float64Array(projectionCount);
    this.projectionWords = new Int32Array(
      this.projections.buffer,
      this.projections.byteOffset,
      this.projections.length * 2,
    );
    this.groupCodes = new Uint32Array(pairs.groups);
    this.vectors = new SparseVectors(this.capacity);
    this.scopes = new Uint32Array(this.capacity);
    this.keys = new Uint32Array(this.capacity * this.tables);
    this.stamps = new Uint32Array(this.capacity);
    this.used = new Uint8Array(this.capacity);
    this.nonZero = new Int32Array(dimension);
    this.firstInBucket = new Int32Array(this.tables);
  }

  get size(): number {
    return this.count;
  }

  /** Stores a unit vector under `scope`; returns its id (ids of removed vectors are reused). */
  add(scope: number, vector: Float32Array): number {
    const id = this.free.pop() ?? this.next++;
    if (id >= this.capacity) this.grow();
    this.vectors.set(id, vector, this.dimension);
    this.scopes[id] = scope;
    this.used[id] = 1;
    this.count++;
    this.hashGroups(vector, this.nonZeroOf(vector));
    for (let table = 0; table < this.tables; table++)
      this.keys[id * this.tables + table] = this.bucketOf(scope, table, this.tableCode(table));
    if (this.chains) this.link(id);
    else if (this.count > this.exhaustiveBelow) this.buildChains();
    return id;
  }

  remove(id: number): boolean {
    if (id >= this.next || this.used[id] === 0) return false;
    this.used[id] = 0;
    this.vectors.delete(id);
    this.count--;
    this.free.push(id);
    const { chains } = this;
    if (chains)
      for (let table = 0; table < this.tables; table++)
        chains.unlink(id, table, this.keys[id * this.tables + table]);
    return true;
  }

  /** Entries of `scope` at or above `minimumSimilarity`, most similar first, at most `limit`. */
  search(scope: number, query: Float32Array, minimumSimilarity: number, limit = 4): LshMatch[] {
    const { vectors, stamps, scopes, chains } = this;
    const matches: LshMatch[] = [];
    // Stored vectors are sparse (the hashed embedder sets about 40 of 256 coordinates): a dot product
    // reads one entry's few coordinates, side by side in memory, against the dense query.
    if (this.count <= this.exhaustiveBelow || !chains) {
      for (let id = 0; id < this.next; id++) {
        if (this.used[id] === 0 || scopes[id] !== scope) continue;
        const similarity = vectors.dot(id, query);
        if (similarity >= minimumSimilarity) matches.push({ id, similarity });
      }
      return best(matches, limit);
    }
    this.hashGroups(query, this.nonZeroOf(query));
    const stamp = ++this.stamp;
    if (this.multiProbe) {
      const probe = (table: number, bucket: number) => {
        for (let id = chains.head(table, bucket); id !== -1; id = chains.after(id, table)) {
          if (stamps[id] === stamp) continue;
          stamps[id] = stamp;
          if (scopes[id] !== scope) continue;
          const similarity = vectors.dot(id, query);
          if (similarity >= minimumSimilarity) matches.push({ id, similarity });
        }
      };
      for (let table = 0; table < this.tables; table++) {
        const code = this.tableCode(table);
        probe(table, this.bucketOf(scope, table, code));
        for (let bit = 0; bit < this.bits; bit++)
          probe(table, this.bucketOf(scope, table, (code ^ (1 << bit)) >>> 0));
      }
      return best(matches, limit);
    }
    // In passes, so that the memory reads of each pass do not wait on one another (the search
    // is bound by memory latency: the heads and links are tens of megabytes at 100k entries): every
    // table's bucket head, then the bucket-mates (distinct), then their scores.
    const { firstInBucket } = this;
    for (let table = 0; table < this.tables; table++)
      firstInBucket[table] = chains.head(table, this.bucketOf(scope, table, this.tableCode(table)));
    let found = 0;
    // Touch each first bucket-mate's link, and below each candidate's vector and scope, before the
    // dependent walk and scores: independent reads, fetched together (about 7 % off a search).
    for (let table = 0; table < this.tables; table++) {
      const id = firstInBucket[table];
      if (id !== -1) chains.after(id, table);
    }
    for (let table = 0; table < this.tables; table++)
      for (let id = firstInBucket[table]; id !== -1; id = chains.after(id, table)) {
        if (stamps[id] === stamp) continue;
        stamps[id] = stamp;
        if (found === this.candidates.length) this.candidates = growInts(this.candidates);
        this.candidates[found++] = id;
      }
    const { candidates } = this;
    let touched = 0;
    for (let i = 0; i < found; i++) touched += scopes[candidates[i]];
    this.touched ^= touched ^ vectors.touch(candidates, found);
    for (let i = 0; i < found; i++) {
      const id = candidates[i];
      if (scopes[id] !== scope) continue;
      const similarity = vectors.dot(id, query);
      if (similarity >= minimumSimilarity) matches.push({ id, similarity });
    }
    return best(matches, limit);
  }

  private grow(): void {
    this.capacity *= 2;
    this.vectors.grow(this.capacity);
    this.chains?.grow(this.capacity);
    const scopes = new Uint32Array(this.capacity);
    scopes.set(this.scopes);
    this.scopes = scopes;
    const keys = new Uint32Array(this.capacity * this.tables);
    keys.set(this.keys);
    this.keys = keys;
    const stamps = new Uint32Array(this.capacity);
    stamps.set(this.stamps);
    this.stamps = stamps;
    const used = new Uint8Array(this.capacity);
    used.set(this.used);
    this.used = used;
  }

  /** The buckets are built once the index outgrows the exhaustive scan (they take megabytes). */
  private buildChains(): void {
    this.chains = new BucketChains(this.tables, Math.min(this.bits, maximumBucketBits), this.capacity);
    for (let id = 0; id < this.next; id++) if (this.used[id] === 1) this.link(id);
  }

  private link(id: number): void {
    const chains = this.chains as BucketChains;
    for (let table = 0; table < this.tables; table++)
      chains.link(id, table, this.keys[id * this.tables + table]);
  }

  /**
   * A code's bucket in a table, the scope mixed in: one set of buckets serves every scope (a search
   * still checks each candidate's scope). Codes longer than the buckets' bits fold onto them.
   */
  private bucketOf(scope: number, table: number, code: number): number {
    const mask = (1 << Math.min(this.bits, maximumBucketBits)) - 1;
    return (
      ((Math.imul(scope ^ Math.imul(table + 1, 0x9e3779b1), 0x85ebca6b) ^ code ^ (code >>> 20)) & mask) >>> 0
    );
  }

  /** Fills `nonZero` with the vector's non-zero coordinates; returns how many. */
  private nonZeroOf(vector: Float32Array): number {
    const { nonZero, dimension } = this;
    let size = 0;
    for (let k = 0; k < dimension; k++) if (vector[k] !== 0) nonZero[size++] = k;
    return size;
  }

  /**
   * Each group's sign code of the vector (its `bits / 2` projections), into `groupCodes`. Eight
   * coordinates at a time: one read and one write of a projection per eight products instead of per
   * product (about 1.5x faster), with the terms still added in coordinate order, so every projection
   * is the same double, to the bit, as one coordinate at a time.
   */
  private hashGroups(vector: Float32Array, size: number): void {
    const { planes, projections, nonZero } = this;
    const count = projections.length;
    const { kernel } = this;
    if (kernel) kernel.project(vector, nonZero, size);
    else projections.fill(0);
    let i = kernel ? size : 0;
    for (; i + 8 <= size; i += 8) {
      const r0 = nonZero[i] * count;
      const r1 = nonZero[i + 1] * count;
      const r2 = nonZero[i + 2] * count;
      const r3 = nonZero[i + 3] * count;
      const r4 = nonZero[i + 4] * count;
      const r5 = nonZero[i + 5] * count;
      const r6 = nonZero[i + 6] * count;
      const r7 = nonZero[i + 7] * count;
      const v0 = vector[nonZero[i]];
      const v1 = vector[nonZero[i + 1]];
      const v2 = vector[nonZero[i + 2]];
      const v3 = vector[nonZero[i + 3]];
      const v4 = vector[nonZero[i + 4]];
      const v5 = vector[nonZero[i + 5]];
      const v6 = vector[nonZero[i + 6]];
      const v7 = vector[nonZero[i + 7]];
      for (let p = 0; p < count; p++)
        projections[p] =
          projections[p] +
          v0 * planes[r0 + p] +
          v1 * planes[r1 + p] +
          v2 * planes[r2 + p] +
          v3 * planes[r3 + p] +
          v4 * planes[r4 + p] +
          v5 * planes[r5 + p] +
          v6 * planes[r6 + p] +
          v7 * planes[r7 + p];
    }
    for (; i < size; i++) {
      const row = nonZero[i] * count;
      const value = vector[nonZero[i]];
      for (let p = 0; p < count; p++) projections[p] = projections[p] + value * planes[row + p];
    }
    this.codesFromProjections();
  }

  /** Each group's code from `projections`: bit b set when projection b of the group is > 0. */
  private codesFromProjections(): void {
    const { projections, groupCodes, groupBits } = this;
    // A bit is set when its projection is > 0. The signs are random, so a comparison's branch is
    // mispredicted half the time; instead the bit is read from the sign (clear: > 0) for every normal
    // double, and only zeros, subnormals, infinities and NaN (exponent all 0s or all 1s, rare and
    // predictable) take the comparison. Same bits, about 3x faster.
    const words = this.projectionWords;
    let plane = 0;
    for (let group = 0; group < groupCodes.length; group++) {
      let code = 0;
      for (let bit = 0; bit < groupBits; bit++, plane++) {
        const high = words[plane * 2 + highWord];
        const exponent = high & 0x7ff00000;
        if (exponent === 0 || exponent === 0x7ff00000) {
          if (projections[plane] > 0) code |= 1 << bit;
        } else code |= ((high >>> 31) ^ 1) << bit;
      }
      groupCodes[group] = code;
    }
  }

  private tableCode(table: number): number {
    if (!this.paired) return this.groupCodes[table];
    return (
      (this.groupCodes[this.first[table]] | (this.groupCodes[this.second[table]] << this.groupBits)) >>> 0
    );
  }
}

function ownTables(tables: number): PairTables {
  const first = Uint8Array.from({ length: Math.max(1, Math.floor(tables)) }, (_, table) => table);
  return { groups: first.length, first, second: first };
}

function growInts(values: Int32Array): Int32Array {
  const grown = new Int32Array(values.length * 2);
  grown.set(values);
  return grown;
}

function best(matches: LshMatch[], limit: number): LshMatch[] {
  matches.sort((left, right) => right.similarity - left.similarity || left.id - right.id);
  return matches.length > limit ? matches.slice(0, limit) : matches;
}
