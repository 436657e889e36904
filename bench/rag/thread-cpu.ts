// CPU time per thread of this process (Linux /proc; empty elsewhere): which thread a run spends on.
import { readdirSync, readFileSync } from 'node:fs';

/** tid → { name, seconds of user + system CPU so far }. */
export function threadCpu(): Map<number, { name: string; seconds: number }> {
  const threads = new Map<number, { name: string; seconds: number }>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return threads;
  }
  const ticks = 100; // USER_HZ on Linux
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields after the name start at field 3 (state); utime is field 14, stime 15.
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticks;
      threads.set(Number(tid), { name, seconds });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/**
 * Samples every thread's CPU until the returned function is called, which reports the threads that
 * used at least `minimum` seconds meanwhile, busiest first (a thread that ended counts up to its last
 * sample, every 100 ms).
 */
export function sampleThreadCpu(minimum = 0.2): () => string {
  const before = threadCpu();
  const last = new Map(before);
  const sample = () => {
    for (const [tid, reading] of threadCpu()) last.set(tid, reading);
  };
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    return report(before, last, minimum);
  };
}

function report(
  before: Map<number, { name: string; seconds: number }>,
  after: Map<number, { name: string; seconds: number }>,
  minimum: number,
): string {
  const rows = [...after]
    .map(([tid, { name, seconds }]) => ({ tid, name, seconds: seconds - (before.get(tid)?.seconds ?? 0) }))
    .filter((row) => row.seconds >= minimum)
    .sort((a, b) => b.seconds - a.seconds);
  return rows
    .map((row) => `${row.tid === process.pid ? 'main' : row.name} ${row.seconds.toFixed(1)} s`)
    .join(', ');
}
