// `npm run bench backend`: `gantry bench backend`'s load generator against the simulator, which runs in
// its own process pinned to core 1 (when taskset exists). (1) Accuracy: measured TTFT/TPOT/ITL/E2EL
// against the configured ones. (2) Request rate with zero-delay answers, and the generator's CPU time
// per request (what one core could sustain). (3) 1,000 concurrent streams: ITL p99 against the
// configured ITL and against 10 streams, and the generator's event-loop delay (its own timestamp skew).
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type Arrival,
  type LoadResult,
  runLoad,
  summarise,
  syntheticPrompts,
} from '../../src/bench-backend/index.js';
import { type Started, start, stop } from '../gateway/processes.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
// (2) and (3) use the full simulator; bench/backend/overhead.ts measures the same with a lean one, per
// chunk against its send stamps, and the generator's CPU per request and per chunk. BENCH_PARTS=1,2,3.
const parts = (process.env.BENCH_PARTS ?? '1').split(',');
const started: Started[] = [];

async function simulator(options: Record<string, unknown>): Promise<Started> {
  const s = await start(
    ['bin/run-ts.js', 'bench/backend/simulator-child.ts', JSON.stringify({ ...options, stampChunks: true })],
    {
      core: 1,
    },
  );
  started.push(s);
  return s;
}

async function measure(url: string, arrival: Arrival, requests: number, maxTokens: number) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  // Per output chunk: (gap seen by the generator) - (gap between the simulator's writes), from the
  // sent_at_ms stamp the simulator puts on each chunk. This is the ITL skew the generator adds.
  const last = new Map<string, { sent: number; received: number }>();
  const skews: number[] = [];
  const onChunk = (event: Record<string, unknown>, receivedAtMs: number) => {
    const sent = event.sent_at_ms as number | undefined;
    const delta = (event.choices as { delta?: { content?: string } }[] | undefined)?.[0]?.delta;
    if (sent === undefined || !delta?.content) return;
    const received = performance.timeOrigin + receivedAtMs;
    const id = event.id as string;
    const previous = last.get(id);
    if (previous) skews.push(received - previous.received - (sent - previous.sent));
    last.set(id, { sent, received });
  };
  const cpu = process.cpuUsage();
  delay.enable();
  const result: LoadResult = await runLoad(
    { label: 'sim', url, model: 'm' },
    { arrival, prompts: syntheticPrompts(requests, 16, maxTokens), warmup: 2, onChunk },
  );
  delay.disable();
  const used = process.cpuUsage(cpu);
  const cpuMsPerRequest = (used.user + used.system) / 1000 / requests;
  const skew = summarise(skews.map(Math.abs));
  return { result, cpuMsPerRequest, loopP99Ms: delay.percentile(99) / 1e6, loopMaxMs: delay.max / 1e6, skew };
}

const f = (n: number, d = 2) => n.toFixed(d);

try {
  process.stdout.write(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n\n`,
  );
  // (1) Accuracy.
  if (parts.includes('1')) {
    const ttft = 100;
    const itl = 20;
    const tokens = 32;
    const sim = await simulator({ timeToFirstTokenMs: ttft, interTokenLatencyMs: itl, outputTokens: tokens });
    const accuracy = await measure(sim.url, { kind: 'concurrency', concurrency: 16 }, 96 * scale, 64);
    const m = accuracy.result.metrics;
    process.stdout.write('(1) accuracy, simulator TTFT 100 ms, ITL 20 ms, 32 tokens; 16 in flight\n');
    process.stdout.write('metric     configured   p50      p99      p50 error\n');
    for (const [name, expected, d] of [
      ['TTFT', ttft, m.ttftMs],
      ['TPOT', itl, m.tpotMs],
      ['ITL', itl, m.itlMs],
      ['E2EL', ttft + (tokens - 1) * itl, m.e2elMs],
    ] as const) {
      process.stdout.write(
        `${name.padEnd(10)} ${String(expected).padStart(10)} ${f(d.p50).padStart(8)} ${f(d.p99).padStart(8)} ${`${f(((d.p50 - expected) / expected) * 100, 1)}%`.padStart(10)}\n`,
      );
    }
    process.stdout.write(
      `completed ${m.completed}, failed ${m.failed}, output tokens ${m.totalOutputTokens}; ITL skew added by the generator p50 ${f(accuracy.skew.p50)} p99 ${f(accuracy.skew.p99)} ms\n\n`,
    );
    // Poisson open loop: the achieved rate against the asked one.
    const poisson = await measure(sim.url, { kind: 'poisson', rate: 50 }, 200 * scale, 8);
    process.stdout.write(
      `poisson 50/s, 8 tokens: sent over ${f(poisson.result.records.at(-1)?.sentAtMs ?? 0, 0)} ms -> ${f((poisson.result.records.length - 1) / ((poisson.result.records.at(-1)?.sentAtMs ?? 1) / 1000))} req/s sent\n\n`,
    );
    await stop(sim);
  }

  // (2) Request rate: zero-delay answers of 2 tokens.
  if (parts.includes('2')) {
    const fast = await simulator({ outputTokens: 2 });
    process.stdout.write('(2) request rate, zero-delay simulator, 2-token streams\n');
    for (const concurrency of [64, 256]) {
      const r = await measure(fast.url, { kind: 'concurrency', concurrency }, 10_000 * scale, 2);
      process.stdout.write(
        `concurrency ${String(concurrency).padStart(4)}: ${f(r.result.metrics.requestThroughput, 0)} req/s measured (failed ${r.result.metrics.failed}); generator CPU ${f(r.cpuMsPerRequest * 1000, 0)} µs/request -> ${f(1000 / r.cpuMsPerRequest, 0)} req/s per core\n`,
      );
    }
    await stop(fast);
  }
  if (parts.includes('3'))
    // (3) Concurrent streams, at two chunk rates (1,000 streams x 20/s and x 4/s chunks).
    for (const streamItl of [50, 250]) {
      const streams = await simulator({
        timeToFirstTokenMs: 50,
        interTokenLatencyMs: streamItl,
        outputTokens: 20,
      });
      process.stdout.write(
        `\n(3) concurrent streams, simulator TTFT 50 ms, ITL ${streamItl} ms, 20 tokens\n`,
      );
      for (const concurrency of [10, 1000]) {
        const requests = concurrency * 2 * scale;
        const r = await measure(streams.url, { kind: 'concurrency', concurrency }, requests, 20);
        const d = r.result.metrics.itlMs;
        const cpuPerChunk = (r.cpuMsPerRequest * 1000) / 20;
        process.stdout.write(
          `${String(concurrency).padStart(4)} streams: ITL p50 ${f(d.p50)} p99 ${f(d.p99)} ms (p99 - configured ${f(d.p99 - streamItl)} ms); ITL skew added by the generator |client gap - simulator gap| p50 ${f(r.skew.p50)} p99 ${f(r.skew.p99)} ms; generator event-loop delay p99 ${f(r.loopP99Ms)} ms; generator CPU ${f(cpuPerChunk, 1)} µs/chunk; failed ${r.result.metrics.failed}\n`,
        );
      }
      await stop(streams);
    }
  process.stdout.write(
    `\nload average at end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
} finally {
  for (const s of started) await stop(s).catch(() => {});
}
