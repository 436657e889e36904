// How much the load generator itself was starved during a run: the CPU time of the thread that runs it
// and the time that thread was ready to run but waited for a CPU (Linux schedstat; absent elsewhere).
// Arrival times are stamped by this thread, so while it waits every chunk that arrives is stamped late:
// bench/backend/skew-trace.ts showed the ITL skew tail at 1,000 streams is exactly such waits. A report
// can then say when its latency tails may be the generator's rather than the server's.
import { readFileSync } from 'node:fs';

export interface GeneratorHealth {
  /** CPU time of the generator's thread during the run, ms. */
  cpuMs: number;
  /** Time the generator's thread was runnable but not running (waiting for a CPU), ms. */
  waitMs: number;
}

function schedstat(): [number, number] | undefined {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(cpu) && Number.isFinite(wait) ? [cpu, wait] : undefined;
  } catch {
    return undefined; // not Linux (or no schedstat): nothing to report
  }
}

/** Starts measuring; call the result at the end of the run (undefined where schedstat is missing). */
export function healthProbe(): () => GeneratorHealth | undefined {
  const start = schedstat();
  return () => {
    const end = schedstat();
    if (!start || !end) return undefined;
    return { cpuMs: (end[0] - start[0]) / 1e6, waitMs: (end[1] - start[1]) / 1e6 };
  };
}

/** Whether the generator waited long enough for a CPU to distort latency tails: > 1 % of the run and > 10 ms. */
export function starved(health: GeneratorHealth | undefined, durationMs: number): boolean {
  return health !== undefined && health.waitMs > 10 && health.waitMs > durationMs * 0.01;
}
