// Vectors for the ANN benchmarks, generated as a stream (never all held): `clustered` is the scale
// benchmark's kind (384-d around 1,000 Gaussian centroids, noise 0.7 per component), `uniform` has no
// clusters at all (independent Gaussian components: the hardest case for any ANN index, every
// neighbour nearly as far as any other), `spread` sits between (100,000 centroids, noise 1.0). Exact
// ground truth (cosine top 10 per query over the float vectors) is kept while streaming.
import { seededRandom } from '../../src/random/index.js';

export type VectorKind = 'clustered' | 'spread' | 'uniform';

export function vectorStream(kind: VectorKind, dimension: number, seed = 7) {
  const random = seededRandom(seed);
  // Box–Muller, both values of each pair used.
  let spare = Number.NaN;
  const gaussian = (_: unknown): number => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(random() || 1e-12));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const centroidCount = kind === 'clustered' ? 1000 : kind === 'spread' ? 100_000 : 0;
  const noise = kind === 'clustered' ? 0.7 : 1;
  const centroids = Float32Array.from({ length: centroidCount * dimension }, () => gaussian(random));
  /** The next vector (a fresh sample of the distribution; queries are drawn the same way). */
  return (out = new Float32Array(dimension)): Float32Array => {
    const base = centroidCount > 0 ? Math.floor(random() * centroidCount) * dimension : -1;
    for (let component = 0; component < dimension; component++)
      out[component] = (base >= 0 ? centroids[base + component] : 0) + noise * gaussian(random);
    return out;
  };
}

/** Exact cosine top `k` of each query, updated one stored vector at a time. */
export class ExactTopK {
  private readonly units: Float32Array[];
  private readonly ids: Int32Array[];
  private readonly scores: Float32Array[];
  constructor(
    queries: Float32Array[],
    private readonly k = 10,
  ) {
    this.units = queries.map((query) => {
      const norm = Math.hypot(...query);
      return query.map((value) => value / norm);
    });
    this.ids = queries.map(() => new Int32Array(k).fill(-1));
    this.scores = queries.map(() => new Float32Array(k).fill(-2));
  }
  offer(id: number, vector: Float32Array): void {
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    for (let query = 0; query < this.units.length; query++) {
      const unit = this.units[query];
      let dot = 0;
      for (let component = 0; component < vector.length; component++)
        dot += unit[component] * vector[component];
      dot /= norm;
      const scores = this.scores[query];
      if (dot <= scores[this.k - 1]) continue;
      let at = this.k - 1;
      while (at > 0 && scores[at - 1] < dot) {
        scores[at] = scores[at - 1];
        this.ids[query][at] = this.ids[query][at - 1];
        at--;
      }
      scores[at] = dot;
      this.ids[query][at] = id;
    }
  }
  recall(query: number, found: number[]): number {
    const truth = new Set(this.ids[query]);
    return found.slice(0, this.k).filter((id) => truth.has(id)).length / this.k;
  }
}
