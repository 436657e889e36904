// Approximate nearest neighbours by random-hyperplane LSH (Charikar 2002): each of `tables` tables
// hashes a unit vector to `bits` signs of Gaussian random projections (computed over the vector's
// non-zero coordinates only, so sparse hashed embeddings are cheap). A query scores only the entries
// that share a bucket with it in some table, so a lookup costs about tables × (bits projections +
// bucket size) whatever the number of entries; with multi-probe (optional) a search also reads the
// buckets one sign away, so 8 tables find what 32 exact-bucket tables do. Buckets are keyed by scope as well, so entries of
// other tenants, models or conversations are never scored.
import { seededRandom } from '../../../random/index.js';

export interface LshIndexOptions {
  dimension: number;
  tables?: number;
  bits?: number;
  seed?: number;
  /** Up to this many entries a search scans them all (exact); beyond, it reads the LSH buckets. */
  exhaustiveBelow?: number;
  /**
   * Multi-probe (Lv et al. 2007, in its simplest form): a search also reads, in each table, the
   * buckets one sign away from the query's. A near neighbour usually differs in a bit or two, so
   * few tables find it: fewer projections per request for the same recall. Default false: on the
   * 100k-entry benchmark the extra bucket reads cost more than the projections saved.
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
  /** dimension × (tables · bits), row-major by coordinate: one row is read per non-zero coordinate. */
  private readonly planes: Float64Array;
  private readonly projections: Float64Array;
  private readonly buckets: Map<number, number[]>[];
  /** Slot storage: vectors side by side, the scope and bucket keys of each slot, free slots. */
  private vectors: Float32Array;
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

  constructor({
    dimension,
    tables = 32,
    bits = 18,
    seed = 7,
    exhaustiveBelow = 2_048,
    multiProbe = false,
  }: LshIndexOptions) {
    this.dimension = dimension;
    this.exhaustiveBelow = exhaustiveBelow;
    this.multiProbe = multiProbe;
    this.tables = tables;
    this.bits = bits;
    const random = seededRandom(seed);
    this.planes = new Float64Array(dimension * tables * bits);
    for (let i = 0; i < this.planes.length; i++)
      this.planes[i] = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    this.projections = new Float64Array(tables * bits);
    this.buckets = Array.from({ length: tables }, () => new Map<number, number[]>());
    this.vectors = new Float32Array(this.capacity * dimension);
    this.scopes = new Uint32Array(this.capacity);
    this.keys = new Uint32Array(this.capacity * tables);
    this.stamps = new Uint32Array(this.capacity);
    this.used = new Uint8Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Stores a unit vector under `scope`; returns its id (ids of removed vectors are reused). */
  add(scope: number, vector: Float32Array): number {
    const id = this.free.pop() ?? this.next++;
    if (id >= this.capacity) this.grow();
    this.vectors.set(vector.subarray(0, this.dimension), id * this.dimension);
    this.scopes[id] = scope;
    this.used[id] = 1;
    this.count++;
    const codes = this.bucketCodes(vector);
    const keys = new Uint32Array(this.tables);
    for (let table = 0; table < this.tables; table++) keys[table] = bucketKey(scope, table, codes[table]);
    this.keys.set(keys, id * this.tables);
    for (let table = 0; table < this.tables; table++) {
      const bucket = this.buckets[table].get(keys[table]);
      if (bucket) bucket.push(id);
      else this.buckets[table].set(keys[table], [id]);
    }
    return id;
  }

  remove(id: number): boolean {
    if (id >= this.next || this.used[id] === 0) return false;
    this.used[id] = 0;
    this.count--;
    this.free.push(id);
    for (let table = 0; table < this.tables; table++) {
      const key = this.keys[id * this.tables + table];
      const bucket = this.buckets[table].get(key);
      if (!bucket) continue;
      const at = bucket.indexOf(id);
      if (at !== -1) {
        bucket[at] = bucket[bucket.length - 1];
        bucket.pop();
      }
      if (bucket.length === 0) this.buckets[table].delete(key);
    }
    return true;
  }

  /** Entries of `scope` at or above `minimumSimilarity`, most similar first, at most `limit`. */
  search(scope: number, query: Float32Array, minimumSimilarity: number, limit = 4): LshMatch[] {
    const { vectors, dimension, stamps, scopes } = this;
    const matches: LshMatch[] = [];
    // Prompt embeddings are sparse (the hashed embedder sets about 40 of 256 coordinates): a dot
    // product reads only the query's non-zero coordinates. Exact, and several times cheaper.
    const nonZero = nonZeroCoordinates(query, dimension);
    const size = nonZero.length;
    const similarityOf = (id: number) => {
      let similarity = 0;
      const offset = id * dimension;
      for (let i = 0; i < size; i++) {
        const k = nonZero[i];
        similarity += vectors[offset + k] * query[k];
      }
      return similarity;
    };
    if (this.count <= this.exhaustiveBelow) {
      for (let id = 0; id < this.next; id++) {
        if (this.used[id] === 0 || scopes[id] !== scope) continue;
        const similarity = similarityOf(id);
        if (similarity >= minimumSimilarity) matches.push({ id, similarity });
      }
      return best(matches, limit);
    }
    const codes = this.bucketCodes(query);
    const stamp = ++this.stamp;
    const probe = (table: number, code: number) => {
      const bucket = this.buckets[table].get(bucketKey(scope, table, code));
      if (!bucket) return;
      for (let i = 0; i < bucket.length; i++) {
        const id = bucket[i];
        if (stamps[id] === stamp) continue;
        stamps[id] = stamp;
        if (scopes[id] !== scope) continue;
        const similarity = similarityOf(id);
        if (similarity >= minimumSimilarity) matches.push({ id, similarity });
      }
    };
    for (let table = 0; table < this.tables; table++) {
      const code = codes[table];
      probe(table, code);
      if (this.multiProbe) for (let bit = 0; bit < this.bits; bit++) probe(table, (code ^ (1 << bit)) >>> 0);
    }
    return best(matches, limit);
  }

  private grow(): void {
    this.capacity *= 2;
    const vectors = new Float32Array(this.capacity * this.dimension);
    vectors.set(this.vectors);
    this.vectors = vectors;
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

  /** Each table's sign code of the vector (its `bits` random projections), scope not yet mixed in. */
  private bucketCodes(vector: Float32Array): Uint32Array {
    const codes = new Uint32Array(this.tables);
    const { bits, planes, projections } = this;
    const count = projections.length;
    projections.fill(0);
    for (let coordinate = 0; coordinate < this.dimension; coordinate++) {
      const value = vector[coordinate];
      if (value === 0) continue;
      const row = coordinate * count;
      for (let plane = 0; plane < count; plane++) projections[plane] += value * planes[row + plane];
    }
    let plane = 0;
    for (let table = 0; table < this.tables; table++) {
      let code = 0;
      for (let bit = 0; bit < bits; bit++, plane++) if (projections[plane] > 0) code |= 1 << bit;
      codes[table] = code >>> 0;
    }
    return codes;
  }
}

/**
 * The scope is mixed into the key: one map per table serves every scope (a search still checks each
 * candidate's scope). Kept to 30 bits so that V8 stores it as a small integer: Map lookups with
 * heap-number keys cost several times more.
 */
function bucketKey(scope: number, table: number, code: number): number {
  return (Math.imul(scope ^ Math.imul(table + 1, 0x9e3779b1), 0x85ebca6b) ^ code) & 0x3fffffff;
}

function nonZeroCoordinates(vector: Float32Array, dimension: number): Int32Array {
  const coordinates = new Int32Array(dimension);
  let size = 0;
  for (let k = 0; k < dimension; k++) if (vector[k] !== 0) coordinates[size++] = k;
  return coordinates.subarray(0, size);
}

function best(matches: LshMatch[], limit: number): LshMatch[] {
  matches.sort((left, right) => right.similarity - left.similarity || left.id - right.id);
  return matches.length > limit ? matches.slice(0, limit) : matches;
}
