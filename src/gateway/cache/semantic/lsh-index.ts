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
import { SparseVectors } from './sparse-vectors.js';

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

  constructor({
    dimension,
    tables = 32,
    bits = 18,
    seed = 7,
    exhaustiveBelow = 2_048,
    multiProbe = false,
    pairedTables = false,
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
    this.planes = new Float64Array(dimension * projectionCount);
    for (let i = 0; i < this.planes.length; i++)
      this.planes[i] = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    this.projections = new Float64Array(projectionCount);
    this.groupCodes = new Uint32Array(pairs.groups);
    this.vectors = new SparseVectors(this.capacity);
    this.scopes = new Uint32Array(this.capacity);
    this.keys = new Uint32Array(this.capacity * this.tables);
    this.stamps = new Uint32Array(this.capacity);
    this.used = new Uint8Array(this.capacity);
    this.nonZero = new Int32Array(dimension);
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
      if (this.multiProbe)
        for (let bit = 0; bit < this.bits; bit++)
          probe(table, this.bucketOf(scope, table, (code ^ (1 << bit)) >>> 0));
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

  /** Each group's sign code of the vector (its `bits / 2` projections), into `groupCodes`. */
  private hashGroups(vector: Float32Array, size: number): void {
    const { planes, projections, nonZero, groupCodes, groupBits } = this;
    const count = projections.length;
    const whole = count - (count % 4);
    projections.fill(0);
    for (let i = 0; i < size; i++) {
      const coordinate = nonZero[i];
      const value = vector[coordinate];
      const row = coordinate * count;
      // Unrolled by four: about 1.5x faster in V8 than the plain loop.
      let plane = 0;
      for (; plane < whole; plane += 4) {
        projections[plane] += value * planes[row + plane];
        projections[plane + 1] += value * planes[row + plane + 1];
        projections[plane + 2] += value * planes[row + plane + 2];
        projections[plane + 3] += value * planes[row + plane + 3];
      }
      for (; plane < count; plane++) projections[plane] += value * planes[row + plane];
    }
    let plane = 0;
    for (let group = 0; group < groupCodes.length; group++) {
      let code = 0;
      for (let bit = 0; bit < groupBits; bit++, plane++) if (projections[plane] > 0) code |= 1 << bit;
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

function best(matches: LshMatch[], limit: number): LshMatch[] {
  matches.sort((left, right) => right.similarity - left.similarity || left.id - right.id);
  return matches.length > limit ? matches.slice(0, limit) : matches;
}
