// Test-only helpers of the vector index tests (not built: tsconfig.build.json excludes *.test-helpers.ts):
// exact cosine search as the oracle that approximate results are checked against, and a seeded
// generator of clustered vectors.
import { seededRandom } from '../../random/index.js';

/** Cosine similarity of two vectors of the same length. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** The ids of the `limit` vectors most cosine-similar to `query`, by exhaustive search (ties: first stored first). */
export function exactNearest(
  vectors: Iterable<readonly [number, Float32Array]>,
  query: Float32Array,
  limit: number,
): number[] {
  return [...vectors]
    .map(([id, vector]) => ({ id, similarity: cosine(vector, query) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit)
    .map((entry) => entry.id);
}

/** `count` vectors of `dimension` around `centroids` gaussian centres (spread 0.6), seeded. */
export function clusteredVectors(
  count: number,
  { dimension, centroids: centres, seed }: { dimension: number; centroids: number; seed: number },
): Float32Array[] {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const centroids = Array.from({ length: centres }, () => Float32Array.from({ length: dimension }, gaussian));
  return Array.from({ length: count }, () => {
    const centre = centroids[Math.floor(random() * centroids.length)];
    return centre.map((value) => value + 0.6 * gaussian());
  });
}
