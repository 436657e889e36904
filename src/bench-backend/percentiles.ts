// Distribution summaries with numpy's default (linear) percentile, as vLLM's report uses.

export interface Distribution {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function summarise(values: number[]): Distribution {
  const sorted = Float64Array.from(values).sort() as unknown as number[];
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = n ? sum / n : Number.NaN;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    count: n,
    mean,
    std: n ? Math.sqrt(squares / n) : Number.NaN,
    min: n ? sorted[0] : Number.NaN,
    max: n ? sorted[n - 1] : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
