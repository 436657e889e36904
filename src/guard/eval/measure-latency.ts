// Latency per kilobyte: each scanner runs on 1 KB texts cut from held-out data; p50 and p99 over the
// texts, after a warm-up so that JIT compilation is not counted. Each text is timed `repeats` times and
// its fastest run kept: on a shared, loaded machine that removes pre-emption by other processes while
// keeping what a slow input costs. Every timed call gets a scanner built for it (untimed), so a
// scanner's own caches (the PII scanner remembers phone-number verdicts) never make a repeat look
// cheaper than a first sight of the text.
import type { Scanner } from '../types.js';

export interface LatencyResult {
  name: string;
  calls: number;
  /** Wall-clock milliseconds per KB. */
  p50MsPerKb: number;
  p99MsPerKb: number;
  /** CPU milliseconds per KB (user + system): less disturbed by neighbours on a shared machine. */
  cpuP50MsPerKb: number;
  cpuP99MsPerKb: number;
}

/** Joins texts and cuts them into pieces of `size` characters. */
export function kilobyteTexts(texts: readonly string[], count: number, size = 1024): string[] {
  const joined = texts.join('\n');
  const pieces: string[] = [];
  for (let start = 0; pieces.length < count && start + size <= joined.length; start += size) {
    pieces.push(joined.slice(start, start + size));
  }
  return pieces;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function measureLatency(
  name: string,
  createScanner: () => Scanner,
  texts: readonly string[],
  { warmup = 50, repeats = 3 }: { warmup?: number; repeats?: number } = {},
): LatencyResult {
  const warm = createScanner();
  for (let i = 0; i < warmup; i++) warm(texts[i % texts.length]);
  const times: number[] = [];
  const cpu: number[] = [];
  for (const text of texts) {
    let wall = Infinity;
    let used = Infinity;
    for (let r = 0; r < repeats; r++) {
      const scan = createScanner();
      const startCpu = process.cpuUsage();
      const start = performance.now();
      scan(text);
      wall = Math.min(wall, performance.now() - start);
      const delta = process.cpuUsage(startCpu);
      used = Math.min(used, (delta.user + delta.system) / 1000);
    }
    times.push((wall * 1024) / text.length);
    cpu.push((used * 1024) / text.length);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    name,
    calls: times.length,
    p50MsPerKb: percentile(times, 50),
    p99MsPerKb: percentile(times, 99),
    cpuP50MsPerKb: percentile(cpu, 50),
    cpuP99MsPerKb: percentile(cpu, 99),
  };
}
