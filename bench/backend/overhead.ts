// The load generator's own overhead (issue 21): (A) its CPU time per request and per chunk, from
// process.cpuUsage() around each run (robust on a loaded machine: time on CPU, not wall time), solved
// from short and long answers; (B) requests per second, non-streamed; (C) ITL skew at N concurrent
// streams, per chunk: the generator's gap between two chunks of a stream minus the gap between the
// simulator's own send stamps (sent_mono_ms) on them, so the simulator's timer drift is not counted.
// The server is bench/backend/lean-simulator.ts in its own process, pinned to core 1 (taskset).
// Env: BENCH_OVERHEAD_PARTS=A,B,C; BENCH_STREAMS=1000; BENCH_REQUESTS=10000; BENCH_ROUNDS=2;
// BENCH_ITL_MS=50. Run the generator on core 0 (`taskset -c 0`) for the figures of docs/benchmarks.md.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type LoadOptions,
  type LoadResult,
  runLoad,
  summarise,
  syntheticPrompts,
} from '../../src/bench-backend/index.js';
import { cpuSeconds, type Started, start, stop } from '../gateway/processes.js';

type RunLoad = (
  backend: { label: string; url: string; model: string },
  options: LoadOptions,
) => Promise<LoadResult>;

const parts = (process.env.BENCH_OVERHEAD_PARTS ?? 'A,B,C').split(',');
const streams = Number(process.env.BENCH_STREAMS ?? 1000);
const requests = Number(process.env.BENCH_REQUESTS ?? 10_000);
const f = (n: number, d = 2) => n.toFixed(d);
const out = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const started: Started[] = [];

async function simulator(options: { ttftMs?: number; itlMs?: number; tokens?: number }): Promise<Started> {
  const s = await start(['bin/run-ts.js', 'bench/backend/lean-simulator.ts', JSON.stringify(options)], {
    core: 1,
  });
  started.push(s);
  return s;
}

/** One run: wall-clock rate, the generator's CPU time, its event-loop delay, per-chunk skews. */
async function measure(
  run: RunLoad,
  url: string,
  options: { concurrency: number; requests: number; tokens: number; stream?: boolean; skew?: boolean },
  simulatorPid = 0,
) {
  const chunks = options.requests * options.tokens;
  const skews = new Float64Array(options.skew ? chunks : 0);
  const simGaps = new Float64Array(options.skew ? chunks : 0);
  let n = 0;
  const lastSent = new Map<string, number>();
  const lastReceived = new Map<string, number>();
  const onChunk = options.skew
    ? (event: Record<string, unknown>, receivedAtMs: number) => {
        const sent = event.sent_mono_ms as number | undefined;
        if (sent === undefined) return;
        const id = event.id as string;
        const received = performance.timeOrigin + receivedAtMs;
        const previous = lastSent.get(id);
        if (previous !== undefined && n < skews.length) {
          simGaps[n] = sent - previous;
          skews[n++] = received - (lastReceived.get(id) as number) - (sent - previous);
        }
        lastSent.set(id, sent);
        lastReceived.set(id, received);
      }
    : undefined;
  const prompts = syntheticPrompts(options.requests, 16, options.tokens);
  const backend = { label: 'lean', url, model: 'm' };
  // Warm-up: open the connections and let V8 optimise, outside the measurement.
  await run(backend, {
    arrival: { kind: 'concurrency', concurrency: options.concurrency },
    prompts: syntheticPrompts(Math.min(options.requests, options.concurrency * 4), 16, options.tokens),
    stream: options.stream,
  });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const simCpu = simulatorPid ? cpuSeconds(simulatorPid) : 0;
  const cpu = process.cpuUsage();
  delay.enable();
  const result = await run(backend, {
    arrival: { kind: 'concurrency', concurrency: options.concurrency },
    prompts,
    stream: options.stream,
    onChunk,
  });
  delay.disable();
  const used = process.cpuUsage(cpu);
  const cpuUs = used.user + used.system;
  const simulatorCpuUs = simulatorPid ? (cpuSeconds(simulatorPid) - simCpu) * 1e6 : Number.NaN;
  const abs = Array.from(skews.subarray(0, n), Math.abs);
  return {
    result,
    cpuUs,
    userUs: used.user,
    simulatorCpuUs,
    loopP99Ms: delay.percentile(99) / 1e6,
    skew: summarise(abs),
    signed: summarise(Array.from(skews.subarray(0, n))),
    simGap: summarise(Array.from(simGaps.subarray(0, n))),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  out(`load average at start: ${load()}; node ${process.version}; ${os.cpus().length} cpus`);
  const generators: [string, RunLoad][] = [['raw sockets (new)', runLoad as RunLoad]];
  if (parts.includes('A') || parts.includes('B')) {
    const fast = await simulator({ tokens: 2 });
    if (parts.includes('A')) {
      out('\n(A) generator CPU time, zero-delay lean simulator, 64 in flight, streamed');
      const short = 2;
      const long = 32;
      const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
      const table = new Map<string, { perRequest: number[]; perChunk: number[] }>();
      for (let round = 0; round < rounds; round++) {
        for (const [name, run] of generators) {
          const a = await measure(run, fast.url, { concurrency: 64, requests: requests / 2, tokens: short });
          const b = await measure(run, fast.url, { concurrency: 64, requests: requests / 10, tokens: long });
          // cpu = requests x perRequest + chunks x perChunk, from the two runs.
          const ra = a.result.records.length;
          const rb = b.result.records.length;
          const perChunk = (b.cpuUs / rb - a.cpuUs / ra) / (long - short);
          const perRequest = a.cpuUs / ra - short * perChunk;
          const entry = table.get(name) ?? { perRequest: [], perChunk: [] };
          entry.perRequest.push(perRequest);
          entry.perChunk.push(perChunk);
          table.set(name, entry);
          out(
            `round ${round + 1} ${name}: ${f(a.cpuUs / ra, 1)} µs per 2-chunk request, ${f(b.cpuUs / rb, 1)} µs per 32-chunk request -> ${f(perRequest, 1)} µs/request + ${f(perChunk, 1)} µs/chunk (failed ${a.result.metrics.failed + b.result.metrics.failed}; load ${load()})`,
          );
        }
      }
      for (const [name, entry] of table)
        out(
          `median ${name}: ${f(median(entry.perRequest), 1)} µs/request + ${f(median(entry.perChunk), 1)} µs/chunk -> one core: ${f(1e6 / (median(entry.perRequest) + 2 * median(entry.perChunk)), 0)} 2-chunk requests/s, ${f(1e6 / median(entry.perChunk), 0)} chunks/s`,
        );
    }
    if (parts.includes('B')) {
      out('\n(B) request rate, non-streamed, zero-delay lean simulator (own process, core 1)');
      for (const concurrency of [64, 256]) {
        const r = await measure(
          runLoad as RunLoad,
          fast.url,
          {
            concurrency,
            requests,
            tokens: 2,
            stream: false,
          },
          fast.pid,
        );
        const m = r.result.metrics;
        out(
          `${concurrency} in flight: ${f(m.requestThroughput, 0)} req/s end to end over ${m.completed} requests (failed ${m.failed}); generator CPU ${f(r.cpuUs / requests, 1)} µs/request (user ${f(r.userUs / requests, 1)}, system ${f((r.cpuUs - r.userUs) / requests, 1)}) -> ${f(1e6 / (r.cpuUs / requests), 0)} req/s per core; simulator CPU ${f(r.simulatorCpuUs / requests, 1)} µs/request; load ${load()}`,
        );
      }
    }
    await stop(fast);
  }
  if (parts.includes('C')) {
    const itl = Number(process.env.BENCH_ITL_MS ?? 50);
    const tokens = 20;
    const sim = await simulator({ ttftMs: 50, itlMs: itl });
    out(
      `\n(C) concurrent streams, lean simulator TTFT 50 ms, ITL ${itl} ms, ${tokens} chunks each, 2 requests per stream`,
    );
    out(
      'streams | ITL p50 / p99 | simulator gap p50 / p99 (its drift) | skew |gen gap - sim gap| p50 / p99 / max | signed p1 / p99 | loop delay p99 | CPU µs/chunk',
    );
    for (const concurrency of [10, streams]) {
      const r = await measure(
        runLoad as RunLoad,
        sim.url,
        {
          concurrency,
          requests: concurrency * 2,
          tokens,
          skew: true,
        },
        sim.pid,
      );
      const itlD = r.result.metrics.itlMs;
      const signed = Array.from(r.signed ? [r.signed] : []);
      out(
        `${concurrency} | ${f(itlD.p50)} / ${f(itlD.p99)} | ${f(r.simGap.p50)} / ${f(r.simGap.p99)} | ${f(r.skew.p50, 3)} / ${f(r.skew.p99, 3)} / ${f(r.skew.max, 1)} ms | ${signed.map((s) => `${f(s.min, 2)}..${f(s.p99, 3)}`).join('')} | ${f(r.loopP99Ms)} ms | ${f(r.cpuUs / (concurrency * 2 * tokens), 1)} (simulator ${f(r.simulatorCpuUs / (concurrency * 2 * tokens), 1)}) (failed ${r.result.metrics.failed}, chunks ${r.skew.count}; load ${load()})`,
      );
    }
    await stop(sim);
  }
  out(`\nload average at end: ${load()}`);
} finally {
  for (const s of started) await stop(s).catch(() => {});
}
