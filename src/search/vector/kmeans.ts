// Spherical k-means (Lloyd's iterations on unit vectors, similarity = dot product): the coarse
// quantizer's training. Centroids start at distinct sample points chosen by a seeded generator (the
// same sample gives the same centroids); a centroid left empty is moved to the point worst served so
// far, so no list is wasted.
import { seededRandom } from '../../random/index.js';

/** Dot product of `a` at `aOffset` and `b` at `bOffset` over `dimension` components. */
export function dotAt(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  dimension: number,
): number {
  // Four running sums: independent additions the CPU can overlap (about twice the speed of one).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let component = 0;
  for (; component + 3 < dimension; component += 4) {
    s0 += a[aOffset + component] * b[bOffset + component];
    s1 += a[aOffset + component + 1] * b[bOffset + component + 1];
    s2 += a[aOffset + component + 2] * b[bOffset + component + 2];
    s3 += a[aOffset + component + 3] * b[bOffset + component + 3];
  }
  for (; component < dimension; component++) s0 += a[aOffset + component] * b[bOffset + component];
  return s0 + s1 + s2 + s3;
}

/** Scales each `dimension`-long row of `rows` to unit length in place (zero rows stay zero). */
export function normalizeRows(rows: Float32Array, dimension: number): void {
  for (let offset = 0; offset < rows.length; offset += dimension) {
    const norm = Math.sqrt(dotAt(rows, offset, rows, offset, dimension));
    if (norm > 0)
      for (let component = 0; component < dimension; component++) rows[offset + component] /= norm;
  }
}

/** Dot product of int8 components at `offset` and float `b` (from 0): the rescoring loop. */
export function dotInt8(a: Int8Array, offset: number, b: Float32Array, dimension: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let component = 0;
  for (; component + 3 < dimension; component += 4) {
    s0 += a[offset + component] * b[component];
    s1 += a[offset + component + 1] * b[component + 1];
    s2 += a[offset + component + 2] * b[component + 2];
    s3 += a[offset + component + 3] * b[component + 3];
  }
  for (; component < dimension; component++) s0 += a[offset + component] * b[component];
  return s0 + s1 + s2 + s3;
}

/**
 * The nearest (largest dot product) to the row at `offset` of `rows` among `count` centroids starting
 * at centroid `first`.
 */
export function nearestCentroid(
  centroids: Float32Array,
  count: number,
  rows: Float32Array,
  offset: number,
  dimension: number,
  first = 0,
): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let centroid = 0; centroid < count; centroid++) {
    const score = dotAt(centroids, (first + centroid) * dimension, rows, offset, dimension);
    if (score > bestScore) {
      bestScore = score;
      best = centroid;
    }
  }
  return best;
}

/** Multiply-adds between two yields of a training generator (~0.1 ms of work). */
export const workPerStep = 1 << 17;

/** Runs a training generator to its end, with no pause: the synchronous form of a `…Steps` function. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `k` unit centroids of the unit rows in `points` (`points.length / dimension` of them), after
 * `iterations` rounds. Fewer points than `k` give one centroid per point (and copies of the first).
 */
export function sphericalKMeans(
  points: Float32Array,
  dimension: number,
  k: number,
  options: { iterations?: number; seed?: number } = {},
): Float32Array {
  return drain(sphericalKMeansSteps(points, dimension, k, options));
}

/**
 * `sphericalKMeans` as a generator that yields after a bounded amount of work (about `workPerStep`
 * multiply-adds), so a caller can spread it over event-loop turns; its return value is the centroids,
 * bit-identical to `sphericalKMeans`'s. `points` must not change until it is done.
 */
export function* sphericalKMeansSteps(
  points: Float32Array,
  dimension: number,
  k: number,
  { iterations = 8, seed = 1 }: { iterations?: number; seed?: number } = {},
): Generator<void, Float32Array> {
  const count = points.length / dimension;
  const random = seededRandom(seed);
  const centroids = new Float32Array(k * dimension);
  // Distinct starting points: a partial Fisher–Yates shuffle of the point indexes.
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  for (let centroid = 0; centroid < k; centroid++) {
    const pick =
      count === 0 ? -1 : centroid < count ? centroid + Math.floor(random() * (count - centroid)) : 0;
    if (pick < 0) break;
    if (centroid < count) [order[centroid], order[pick]] = [order[pick], order[centroid]];
    const source = order[centroid < count ? centroid : 0] * dimension;
    centroids.set(points.subarray(source, source + dimension), centroid * dimension);
  }
  if (count <= k) return centroids;
  const assigned = new Int32Array(count);
  const scores = new Float32Array(count);
  const sizes = new Int32Array(k);
  // Points per yield: in the assignment pass (k dot products each) and in the summing pass (one add each).
  const assignChunk = Math.max(1, Math.floor(workPerStep / (k * dimension)));
  const sumChunk = Math.max(1, Math.floor(workPerStep / dimension));
  for (let round = 0; round < iterations; round++) {
    sizes.fill(0);
    for (let point = 0; point < count; point++) {
      const centroid = nearestCentroid(centroids, k, points, point * dimension, dimension);
      assigned[point] = centroid;
      scores[point] = dotAt(centroids, centroid * dimension, points, point * dimension, dimension);
      sizes[centroid]++;
      if ((point + 1) % assignChunk === 0) yield;
    }
    centroids.fill(0);
    for (let point = 0; point < count; point++) {
      const to = assigned[point] * dimension;
      const from = point * dimension;
      for (let component = 0; component < dimension; component++)
        centroids[to + component] += points[from + component];
      if ((point + 1) % sumChunk === 0) yield;
    }
    for (let centroid = 0; centroid < k; centroid++) {
      if (sizes[centroid] > 0) continue;
      // An empty centroid takes the point its own centroid serves worst.
      let worst = 0;
      for (let point = 1; point < count; point++) if (scores[point] < scores[worst]) worst = point;
      scores[worst] = Number.POSITIVE_INFINITY;
      centroids.set(points.subarray(worst * dimension, (worst + 1) * dimension), centroid * dimension);
      yield;
    }
    normalizeRows(centroids, dimension);
    yield;
  }
  return centroids;
}
