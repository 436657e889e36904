// Timing helpers for the store benchmarks: per-call samples, nearest-rank percentiles, a seeded
// random source (both backends get the same queries), and a fill that reports its throughput.

/** Nearest-rank percentile of the samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Mulberry32: a small seeded generator, so every backend is asked the same things. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Microseconds per unit of each call: `per` units (rows) per call. */
export async function sample(
  rounds: number,
  per: number,
  work: (round: number) => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await work(round);
    samples.push(((performance.now() - started) * 1000) / per);
  }
  return samples;
}

export interface FillResult {
  rows: number;
  seconds: number;
}

/** Writes `rows` rows in calls of `batch` (batch(start, count) writes rows start..start+count-1). */
export async function fill(
  label: string,
  rows: number,
  batch: number,
  write: (start: number, count: number) => Promise<unknown>,
): Promise<FillResult> {
  const started = performance.now();
  let lastReport = started;
  for (let start = 0; start < rows; start += batch) {
    await write(start, Math.min(batch, rows - start));
    const now = performance.now();
    if (now - lastReport > 15_000) {
      const done = start + batch;
      process.stderr.write(
        `  ${label}: ${done.toLocaleString('en')} / ${rows.toLocaleString('en')} rows, ${Math.round(done / ((now - started) / 1000))} rows/s\n`,
      );
      lastReport = now;
    }
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}
