// GuideLLM's sweep: one request at a time (the latency floor), then everything at once (the
// throughput ceiling), then `steps` constant rates spread evenly between the two measured rates.
import type { Arrival } from './arrivals.js';
import { type BackendTarget, type LoadOptions, type LoadResult, runLoad } from './run-load.js';

export async function runSweep(
  backend: BackendTarget,
  options: Omit<LoadOptions, 'arrival'> & { steps: number; ceilingConcurrency?: number },
): Promise<LoadResult[]> {
  const { steps, ceilingConcurrency = 256, ...rest } = options;
  const floor = await runLoad(backend, { ...rest, arrival: { kind: 'concurrency', concurrency: 1 } });
  const ceiling = await runLoad(backend, {
    ...rest,
    arrival: { kind: 'concurrency', concurrency: ceilingConcurrency },
  });
  const results = [floor, ceiling];
  const low = floor.metrics.requestThroughput;
  const high = ceiling.metrics.requestThroughput;
  for (let s = 1; s <= steps; s++) {
    const rate = low + ((high - low) * s) / (steps + 1);
    if (!(rate > 0)) continue;
    const arrival: Arrival = { kind: 'constant', rate: Number(rate.toPrecision(3)) };
    results.push(await runLoad(backend, { ...rest, arrival }));
  }
  return results;
}
