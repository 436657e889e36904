// Drift tests with Evidently's definitions and default thresholds: PSI over quantile bins of the
// reference, two-sample Kolmogorov–Smirnov with its asymptotic p-value, Jensen–Shannon distance
// (base 2) for categories, and for embeddings the distance between centroids and RBF-kernel MMD.

/** Population stability index; bins are reference quantiles, empty bins get a small floor. */
export function populationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  bins = 10,
): number {
  if (reference.length === 0 || current.length === 0) return Number.NaN;
  const sorted = [...reference].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) edges.push(sorted[Math.floor((i * sorted.length) / bins)]);
  const unique = [...new Set(edges)];
  const histogram = (values: readonly number[]) => {
    const counts = new Array(unique.length + 1).fill(0);
    for (const v of values) {
      let b = 0;
      while (b < unique.length && v >= unique[b]) b++;
      counts[b]++;
    }
    return counts.map((c) => Math.max(c / values.length, 1e-4));
  };
  const expected = histogram(reference);
  const actual = histogram(current);
  let psi = 0;
  for (let i = 0; i < expected.length; i++)
    psi += (actual[i] - expected[i]) * Math.log(actual[i] / expected[i]);
  return psi;
}

/** Kolmogorov distribution tail: P(K > x) = 2 Σ (-1)^(k-1) e^(-2k²x²). */
function kolmogorovTail(x: number): number {
  if (x < 1e-6) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-12) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Two-sample KS: the largest gap between the empirical CDFs, and its asymptotic p-value. */
export function kolmogorovSmirnov(
  a: readonly number[],
  b: readonly number[],
): { statistic: number; pValue: number } {
  if (a.length === 0 || b.length === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= value) i++;
    while (j < y.length && y[j] <= value) j++;
    statistic = Math.max(statistic, Math.abs(i / x.length - j / y.length));
  }
  const n = (x.length * y.length) / (x.length + y.length);
  const sqrtN = Math.sqrt(n);
  // Stephens' small-sample correction, as used by scipy's asymptotic mode and Numerical Recipes.
  const pValue = kolmogorovTail((sqrtN + 0.12 + 0.11 / sqrtN) * statistic);
  return { statistic, pValue };
}

/** Jensen–Shannon distance (square root of the divergence, base 2) between two category counts. */
export function jensenShannonDistance(
  reference: Record<string, number>,
  current: Record<string, number>,
): number {
  const keys = new Set([...Object.keys(reference), ...Object.keys(current)]);
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, v) => s + v, 0) || 1;
  const tr = total(reference);
  const tc = total(current);
  let divergence = 0;
  for (const key of keys) {
    const p = (reference[key] ?? 0) / tr;
    const q = (current[key] ?? 0) / tc;
    const m = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
  }
  return Math.sqrt(Math.max(0, divergence));
}

export function centroid(vectors: readonly (readonly number[])[]): number[] {
  const dimension = vectors[0]?.length ?? 0;
  const sum = new Array(dimension).fill(0);
  for (const v of vectors) for (let d = 0; d < dimension; d++) sum[d] += v[d];
  return sum.map((s) => s / (vectors.length || 1));
}

/** Euclidean and cosine distance between the mean vectors of two embedding sets. */
export function centroidDistance(
  reference: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
) {
  const a = centroid(reference);
  const b = centroid(current);
  let squared = 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < a.length; d++) {
    squared += (a[d] - b[d]) ** 2;
    dot += a[d] * b[d];
    na += a[d] * a[d];
    nb += b[d] * b[d];
  }
  return { euclidean: Math.sqrt(squared), cosine: 1 - dot / (Math.sqrt(na * nb) || 1) };
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] - b[d]) ** 2;
  return s;
}

/** Biased MMD² with an RBF kernel whose bandwidth is the median pairwise distance (Evidently's default). */
export function maximumMeanDiscrepancy(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
): number {
  const all = [...x, ...y];
  const distances: number[] = [];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) distances.push(squaredDistance(all[i], all[j]));
  distances.sort((a, b) => a - b);
  const median = distances[Math.floor(distances.length / 2)] || 1;
  const kernel = (a: readonly number[], b: readonly number[]) => Math.exp(-squaredDistance(a, b) / median);
  const mean = (p: readonly (readonly number[])[], q: readonly (readonly number[])[]) => {
    let s = 0;
    for (const a of p) for (const b of q) s += kernel(a, b);
    return s / (p.length * q.length);
  };
  return mean(x, x) + mean(y, y) - 2 * mean(x, y);
}
