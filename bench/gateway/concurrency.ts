// Concurrent streams at model latencies: simulator processes answer with a time to first token, a
// delay between tokens (ITL) and a spread of output lengths; N streams, opened over a ramp by several
// client processes, go straight to the simulators, then through the gateway: one process run as
// `gantry serve` runs it (bench/gateway/gateway-server.ts), or the real `gantry serve --workers W`.
// Both have key auth with limits, usage rows and tracing at its default. Reports the TTFT the gateway
// adds (p50/p99, gateway minus direct at the same N), chunks dropped, the gateway's memory per
// in-flight stream (RSS and, for one process, V8 heap used at the in-flight peak minus idle, over the
// streams in flight), CPU per streamed chunk and descriptors per process.
//   BENCH_STREAMS=9900 BENCH_WORKERS=1,2 BENCH_ITL_MS=2000 BENCH_TOKENS=10-20 BENCH_RAMP_S=10 \
//     node bin/run-ts.js bench/gateway/concurrency.ts
// BENCH_CLIENTS / BENCH_SIMULATORS: processes each side (default: one per 5,000 streams). BENCH_DIRECT=0
// skips the direct run (added TTFT is then against the configured TTFT).
// Each gateway process holds two sockets per stream (client and upstream); a run that would need more
// descriptors than the process limit is refused with the arithmetic rather than started.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Started, start, stop } from './processes.js';
import { fdsOf, type LoadResult, quantile, runLoad } from './stream-load.js';
import { childrenOf, createBenchKey, serve, stopServe, writeServeConfig } from './workers.js';

const sizes = (process.env.BENCH_STREAMS ?? '1000').split(',').map(Number);
const workerCounts = (process.env.BENCH_WORKERS ?? '1').split(',').map(Number);
const ttftMs = Number(process.env.BENCH_TTFT_MS ?? 300);
const itlMs = Number(process.env.BENCH_ITL_MS ?? 20);
const [minTokens, maxTokens] = (process.env.BENCH_TOKENS ?? '200-800').split('-').map(Number);
const rampMs = Number(process.env.BENCH_RAMP_S ?? 0) * 1000;
const withDirect = process.env.BENCH_DIRECT !== '0';
// The gateway's heap (after a full GC) is read once this share of the streams is open at once.
const probeShare = Number(process.env.BENCH_PROBE_SHARE ?? 0.95);
const maxStreams = Math.max(...sizes);
const perProcess = (n: number) => Math.max(1, Math.ceil(n / 5000));
const simulatorCount = Number(process.env.BENCH_SIMULATORS ?? perProcess(maxStreams));
const clientsFor = (n: number) => Number(process.env.BENCH_CLIENTS ?? perProcess(n));
const fdLimit = Number(spawnSync('sh', ['-c', 'ulimit -n']).stdout.toString().trim()) || 1024;

const simulators: Started[] = [];
const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-streams-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gatewayConfig(streams: number) {
  return {
    upstreams: Object.fromEntries(
      simulators.map((s, i) => [
        `sim${i}`,
        { baseURL: `${s.url}/v1`, connections: streams + 100, timeoutMs: 300_000 },
      ]),
    ),
    routes: {
      stream: { strategy: 'round-robin', targets: simulators.map((_, i) => ({ upstream: `sim${i}` })) },
    },
    auth: { required: true },
  };
}

interface Gateway {
  url: string;
  key: string;
  pids: number[];
  heapUsedMb?: () => Promise<number>;
  stop(): Promise<void>;
}

async function startGateway(workers: number, streams: number): Promise<Gateway> {
  if (workers === 1) {
    const started = await start(
      ['--expose-gc', '--max-old-space-size=4096', 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'],
      {
        env: { GANTRY_BENCH_CONFIG: JSON.stringify({ gateway: gatewayConfig(streams) }) },
      },
    );
    return {
      url: started.url,
      key: /key (\S+)/.exec(started.line)?.[1] ?? '',
      pids: [started.pid],
      heapUsedMb: async () => {
        const res = await fetch(`${started.url}/bench/gc`, { method: 'POST' });
        return ((await res.json()) as { heapUsed: number }).heapUsed / 2 ** 20;
      },
      stop: () => stop(started),
    };
  }
  const config = await writeServeConfig(folder, workers, gatewayConfig(Math.ceil(streams / workers)));
  const key = createBenchKey(config);
  const { child, url } = await serve(config, workers);
  return { url, key, pids: childrenOf(child.pid ?? 0), stop: () => stopServe(child) };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const fmt = (n: number) => n.toLocaleString('en-US');

/** The TTFT the gateway's figures are compared with: the direct run's, or the configured one. */
interface Baseline {
  p50: number;
  p99: number;
  configured: boolean;
}

function row(streams: number, path: string, run: LoadResult, baseline?: Baseline): string {
  const p50 = quantile(run.ttfts, 0.5);
  const p99 = quantile(run.ttfts, 0.99);
  const added = baseline
    ? `${ms(p50 - baseline.p50)} / ${ms(p99 - baseline.p99)}${baseline.configured ? ' (vs configured)' : ''}`
    : '';
  const per = (mb: number, streams: number) => ((mb * 1024) / Math.max(1, streams)).toFixed(1);
  const heap =
    run.probeAtPeak !== undefined && run.probeIdle !== undefined
      ? ` (${per(run.probeAtPeak - run.probeIdle, run.probeInFlight)} at ${fmt(run.probeInFlight)})`
      : '';
  const cpu = (run.cpuSeconds * 1e6) / Math.max(1, run.chunks);
  const cpuPerStream = (run.cpuSeconds * 1e3) / Math.max(1, streams - run.failed);
  const errors = run.errors.map(([e, n]) => `${n}x ${e}`).join('; ');
  return `| ${itlMs} ms | ${fmt(streams)} | ${path} | ${fmt(run.peakInFlight)} | ${ms(p50)} / ${ms(p99)} | ${added} | ${fmt(run.chunks)} (${fmt(run.announced - run.chunks)}) | ${run.failed}${errors ? ` (${errors})` : ''} | ${run.seconds.toFixed(0)} | ${run.rssAtPeakMb.toFixed(0)} (${run.rssIdleMb.toFixed(0)}) | ${per(run.rssAtPeakMb - run.rssIdleMb, run.peakInFlight)}${heap} | ${cpu.toFixed(0)} (${cpuPerStream.toFixed(2)}) | ${run.peakFds.join(' + ')} | ${run.clientFds.join(' + ')} |\n`;
}

try {
  for (let i = 0; i < simulatorCount; i++)
    simulators.push(
      await start(['bin/run-ts.js', 'bench/gateway/simulator-server.ts'], {
        env: {
          GANTRY_BENCH_SIMULATOR: JSON.stringify({
            timeToFirstTokenMs: ttftMs,
            interTokenLatencyMs: itlMs,
            jitter: 0.1,
            outputTokens: { min: minTokens, max: maxTokens },
          }),
        },
      }),
    );
  const simulatorUrls = simulators.map((s) => s.url);
  process.stdout.write(
    `simulators: ${simulatorCount} process(es), TTFT ${ttftMs} ms, ITL ${itlMs} ms (±10 %), ${minTokens}-${maxTokens} tokens; streams opened over ${rampMs / 1000} s; descriptor limit ${fmt(fdLimit)} per process\n`,
  );
  process.stdout.write(
    '| ITL | streams | path | in flight (peak) | TTFT p50 / p99 ms | added p50 / p99 ms | chunks (dropped) | failed | s | RSS MB at peak (idle) | KB per in-flight stream: RSS (heap after GC, at N open) | CPU µs per chunk (ms per stream) | fds peak per measured process | fds per client process |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
  const baselines = new Map<number, Baseline>();
  for (const workers of workerCounts) {
    for (const streams of sizes) {
      const gateway = await startGateway(workers, streams);
      try {
        const idleFds = Math.max(...gateway.pids.map(fdsOf));
        const need = Math.ceil((2 * streams) / workers) + idleFds;
        const label = workers === 1 ? 'gateway, 1 process' : `gateway, --workers ${workers}`;
        if (need > fdLimit) {
          process.stdout.write(
            `| ${itlMs} ms | ${fmt(streams)} | ${label} | not run: each gateway process would need ${fmt(need)} descriptors (2 x ${fmt(Math.ceil(streams / workers))} sockets + ${idleFds} at idle), over the limit of ${fmt(fdLimit)} |\n`,
          );
          continue;
        }
        const clients = clientsFor(streams);
        // Warm-up: code paths, the tokenizer, the key cache.
        await runLoad({
          ...common(gateway.url, gateway.key),
          streams: 20,
          clients: 1,
          rampMs: 0,
          probeAt: Number.POSITIVE_INFINITY,
          pids: [],
        });
        // Straight to the simulators, once per stream count; without it (BENCH_DIRECT=0) the gateway's
        // TTFT is compared with the configured one (p99: the configured TTFT plus its 10 % jitter).
        let baseline = baselines.get(streams);
        if (!baseline && !withDirect) baseline = { p50: ttftMs, p99: ttftMs * 1.1, configured: true };
        if (!baseline) {
          const direct = await runLoad({
            ...common(simulatorUrls[0], undefined),
            urls: simulatorUrls,
            streams,
            clients,
            rampMs,
            probeAt: Math.ceil(probeShare * streams),
            pids: simulators.map((s) => s.pid),
          });
          process.stdout.write(row(streams, `direct (${simulatorCount} simulator process(es))`, direct));
          baseline = {
            p50: quantile(direct.ttfts, 0.5),
            p99: quantile(direct.ttfts, 0.99),
            configured: false,
          };
          baselines.set(streams, baseline);
          await sleep(3_000);
        }
        const through = await runLoad({
          ...common(gateway.url, gateway.key),
          streams,
          clients,
          rampMs,
          probeAt: Math.ceil(probeShare * streams),
          pids: gateway.pids,
          probe: gateway.heapUsedMb,
        });
        process.stdout.write(row(streams, label, through, baseline));
      } finally {
        await gateway.stop();
      }
    }
  }
} finally {
  for (const s of simulators) await stop(s);
  rmSync(folder, { recursive: true, force: true });
}

function common(url: string, key: string | undefined) {
  return { url, key, model: key ? 'stream' : 'simulated' };
}
