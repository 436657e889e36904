// The generator's own health: schedstat is read for the calling thread (Linux), CPU time grows with
// work, and the table warns only when the wait is a real share of the run.
import { describe, expect, it } from 'vitest';
import { calculateMetrics } from './calculate-metrics.js';
import { formatTable } from './format-table.js';
import { healthProbe, starved } from './generator-health.js';
import type { LoadResult } from './run-load.js';

const linux = process.platform === 'linux';

function result(waitMs: number, durationMs: number): LoadResult {
  return {
    backend: 'sim',
    model: 'm',
    url: 'http://127.0.0.1:1/v1',
    arrival: 'concurrency 4',
    metrics: calculateMetrics([], durationMs),
    generator: { cpuMs: 100, waitMs },
    records: [],
  };
}

describe('generator health', () => {
  it.runIf(linux)("measures this thread's CPU time", () => {
    const done = healthProbe();
    const until = performance.now() + 30;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    const health = done();
    expect(x).toBeGreaterThan(0);
    expect(health).toBeDefined();
    expect(health?.cpuMs).toBeGreaterThan(5); // 30 ms of spinning, some of it on a CPU even when loaded
    expect(health?.waitMs).toBeGreaterThanOrEqual(0);
  });

  it('warns when the generator waited more than 1 % of the run for a CPU', () => {
    expect(starved(undefined, 1000)).toBe(false);
    expect(starved({ cpuMs: 1, waitMs: 5 }, 100)).toBe(false); // under 10 ms
    expect(starved({ cpuMs: 1, waitMs: 50 }, 10_000)).toBe(false); // 0.5 %
    expect(starved({ cpuMs: 1, waitMs: 150 }, 10_000)).toBe(true);
    const quiet = formatTable([result(20, 10_000)]);
    expect(quiet).toMatch(/generator waited ms\s+20/);
    expect(quiet).not.toContain('note:');
    const loaded = formatTable([result(400, 10_000)]);
    expect(loaded).toContain(
      'note: the load generator waited 400 ms for a CPU during sim · concurrency 4 (4.0 % of the run)',
    );
  });
});
