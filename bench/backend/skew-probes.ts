// Probes for bench/backend/skew-trace.ts: clocks, per-thread and per-core scheduler counters from /proc,
// and the explanation of the wire thread's stalls. Linux; elsewhere they return nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** performance.now() + this = CLOCK_MONOTONIC in ms (what the simulator stamps). */
export const mono = () => {
  // The smallest of several tries: a read pair split by a preemption would be off by the preemption.
  let best = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let i = 0; i < 50; i++) {
    const before = performance.now();
    const hr = Number(process.hrtime.bigint()) / 1e6;
    const after = performance.now();
    if (after - before < best) {
      best = after - before;
      offset = hr - (before + after) / 2;
    }
  }
  return offset;
};

/** Per thread of this process: [name, ns on CPU, ns waiting for a CPU while runnable] (schedstat). */
export function threads(): Map<string, [string, number, number]> {
  const all = new Map<string, [string, number, number]>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const [cpu, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      all.set(tid, [name, cpu, wait]);
    }
  } catch {
    // no /proc (not Linux): nothing to report
  }
  return all;
}

export const ticks = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim() || 100);
/** Per core: [busy ticks (user, nice, system, irq, softirq), ticks stolen by the hypervisor] (/proc/stat). */
export function cores(): number[][] {
  try {
    return readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .filter((line) => /^cpu\d/.test(line))
      .map((line) => {
        const [, user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).map(Number);
        return [user + nice + system + irq + softirq, steal];
      });
  } catch {
    return [];
  }
}

/** [ns on CPU, ns waiting for a CPU] of one thread of this process. */
export function schedstat(tid: number): number[] | undefined {
  try {
    return readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
  } catch {
    return undefined;
  }
}

/** Sum of the lengths of [starts[i], ends[i]) (sorted, disjoint) inside [a, b). */
export function overlap(starts: Float64Array, ends: Float64Array, n: number, a: number, b: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= a) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let i = lo; i < n && starts[i] < b; i++) sum += Math.min(b, ends[i]) - Math.max(a, starts[i]);
  return sum;
}

/**
 * The wire thread's stalls: gaps of over 0.5 ms between consecutive read stamps during which a chunk of
 * the slowest 1 % (own delay >= `slow`) sat written in its socket. Each is explained by the thread's
 * scheduler counters sampled around it: on its CPU (busy: GC, a long turn), waiting for its CPU
 * (preempted by another thread on its core), or neither (not running at all: asleep and not yet woken,
 * or its virtual CPU descheduled by the hypervisor).
 */
export function stalls(
  reads: Float64Array,
  sent: Float64Array,
  lag: Float64Array,
  got: Float64Array,
  own: Float64Array,
  slow: number,
  at: number[],
  cpu: number[],
  wait: number[],
): { lines: string[]; totals: [number, number, number] } {
  const hit = new Map<number, number>(); // read index ending the stall -> slow chunks it held
  for (let i = 0; i < sent.length; i++) {
    if (own[i] < slow) continue;
    const from = sent[i] + (Number.isNaN(lag[i]) ? 0 : lag[i]);
    let lo = 0;
    let hi = reads.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reads[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    // The longest read gap inside [from, got].
    let best = -1;
    let bestLength = 0;
    let previous = from;
    for (let k = lo; k < reads.length && reads[k] <= got[i]; k++) {
      if (reads[k] - previous > bestLength) {
        bestLength = reads[k] - previous;
        best = k;
      }
      previous = reads[k];
    }
    if (best > 0 && reads[best] - reads[best - 1] > 0.5) hit.set(best, (hit.get(best) ?? 0) + 1);
  }
  let onCpu = 0;
  let waiting = 0;
  let neither = 0;
  let held = 0;
  const rows: [number, string][] = [];
  for (const [k, chunks] of hit) {
    const a = reads[k - 1];
    const b = reads[k];
    // Samples bracketing the stall.
    let j = 0;
    while (j + 1 < at.length && at[j + 1] <= a) j++;
    let m = j;
    while (m < at.length - 1 && at[m] < b) m++;
    const span = at[m] - at[j];
    const c = (cpu[m] - cpu[j]) / 1e6;
    const w = (wait[m] - wait[j]) / 1e6;
    const x = Math.max(0, span - c - w);
    // Share of the stall itself, in proportion over the sampled span.
    const scale = span > 0 ? (b - a) / span : 0;
    onCpu += c * scale;
    waiting += w * scale;
    neither += x * scale;
    held += chunks;
    rows.push([
      b - a,
      `${(b - a).toFixed(2)} ms (${chunks} chunks; sampled span ${span.toFixed(2)} ms: on CPU ${c.toFixed(2)}, waiting ${w.toFixed(2)}, neither ${x.toFixed(2)})`,
    ]);
  }
  rows.sort((p, q) => q[0] - p[0]);
  const lines = [
    `  wire-thread stalls > 0.5 ms holding a slowest-1 % chunk: ${hit.size}, holding ${held} chunks; their time: on CPU ${onCpu.toFixed(1)} ms, waiting for the core ${waiting.toFixed(1)} ms, neither (asleep or vCPU taken) ${neither.toFixed(1)} ms`,
    ...rows.slice(0, 6).map(([, text]) => `    stall ${text}`),
  ];
  return { lines, totals: [onCpu, waiting, neither] };
}
