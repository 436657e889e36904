// Approximate nearest neighbours by random-hyperplane LSH (Charikar 2002): each of `tables` tables
// hashes a unit vector to `bits` signs of sparse random projections. A query scores only the entries
// that share a bucket with it in some table, so a lookup costs about tables × (bits projections +
// bucket size) whatever the number of entries. Buckets are keyed by scope as well, so entries of
// other tenants, models or conversations are never scored.
import { seededRandom } from '../../../random/index.js';

export interface LshIndexOptions {
  dimension: number;
  tables?: number;
  bits?: number;
  /** Non-zero coordinates per hyperplane (±1 each; Li, Hastie & Church 2006). */
  density?: number;
  seed?: number;
}

export interface LshMatch {
  id: number;
  similarity: number;
}

export class LshIndex {
  readonly dimension: number;
  private readonly tables: number;
  private readonly bits: number;
  private readonly planeIndices: Int32Array;
  private readonly planeSigns: Float32Array;
  private readonly density: number;
  private readonly buckets: Map<number, number[]>[];
  private readonly vectors = new Map<number, { vector: Float32Array; scope: number; keys: Uint32Array }>();

  constructor({ dimension, tables = 16, bits = 10, density = 24, seed = 7 }: LshIndexOptions) {
    this.dimension = dimension;
    this.tables = tables;
    this.bits = bits;
    this.density = Math.min(density, dimension);
    const random = seededRandom(seed);
    const planes = tables * bits;
    this.planeIndices = new Int32Array(planes * this.density);
    this.planeSigns = new Float32Array(planes * this.density);
    for (let i = 0; i < this.planeIndices.length; i++) {
      this.planeIndices[i] = Math.floor(random() * dimension);
      this.planeSigns[i] = random() < 0.5 ? -1 : 1;
    }
    this.buckets = Array.from({ length: tables }, () => new Map<number, number[]>());
  }

  get size(): number {
    return this.vectors.size;
  }

  add(id: number, scope: number, vector: Float32Array): void {
    if (this.vectors.has(id)) this.remove(id);
    const keys = this.bucketKeys(scope, vector);
    this.vectors.set(id, { vector, scope, keys });
    for (let table = 0; table < this.tables; table++) {
      const bucket = this.buckets[table].get(keys[table]);
      if (bucket) bucket.push(id);
      else this.buckets[table].set(keys[table], [id]);
    }
  }

  remove(id: number): boolean {
    const entry = this.vectors.get(id);
    if (!entry) return false;
    this.vectors.delete(id);
    for (let table = 0; table < this.tables; table++) {
      const bucket = this.buckets[table].get(entry.keys[table]);
      if (!bucket) continue;
      const at = bucket.indexOf(id);
      if (at !== -1) {
        bucket[at] = bucket[bucket.length - 1];
        bucket.pop();
      }
      if (bucket.length === 0) this.buckets[table].delete(entry.keys[table]);
    }
    return true;
  }

  /** Entries of `scope` at or above `minimumSimilarity`, most similar first, at most `limit`. */
  search(scope: number, query: Float32Array, minimumSimilarity: number, limit = 4): LshMatch[] {
    const keys = this.bucketKeys(scope, query);
    const seen = new Set<number>();
    const matches: LshMatch[] = [];
    for (let table = 0; table < this.tables; table++) {
      const bucket = this.buckets[table].get(keys[table]);
      if (!bucket) continue;
      for (const id of bucket) {
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = this.vectors.get(id);
        if (!entry || entry.scope !== scope) continue;
        const similarity = dot(entry.vector, query);
        if (similarity >= minimumSimilarity) matches.push({ id, similarity });
      }
    }
    matches.sort((left, right) => right.similarity - left.similarity || left.id - right.id);
    return matches.length > limit ? matches.slice(0, limit) : matches;
  }

  private bucketKeys(scope: number, vector: Float32Array): Uint32Array {
    const keys = new Uint32Array(this.tables);
    const { density, bits, planeIndices, planeSigns } = this;
    let plane = 0;
    for (let table = 0; table < this.tables; table++) {
      let code = 0;
      for (let bit = 0; bit < bits; bit++, plane++) {
        let sum = 0;
        const offset = plane * density;
        for (let k = 0; k < density; k++) sum += planeSigns[offset + k] * vector[planeIndices[offset + k]];
        if (sum > 0) code |= 1 << bit;
      }
      // The scope is mixed into the key: one map per table serves every scope.
      keys[table] = (Math.imul(scope ^ (table * 0x9e3779b1), 0x85ebca6b) ^ code) >>> 0;
    }
    return keys;
  }
}

function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < left.length; i++) sum += left[i] * right[i];
  return sum;
}
