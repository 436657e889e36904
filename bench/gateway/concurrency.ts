// Concurrent streams at real model latencies: the simulator (its own process) answers with a time to
// first token, a delay between tokens and a spread of output lengths; N streams at once go straight to
// it, then through the gateway (its own process, as `gantry serve` runs it). Reports the TTFT the
// gateway adds (p50/p99, gateway minus direct), chunks dropped, the gateway's memory per in-flight
// stream (peak RSS minus idle RSS, over N), CPU per streamed token and open file descriptors.
//   BENCH_STREAMS=1000,2000 BENCH_TTFT_MS=300 BENCH_ITL_MS=20 BENCH_TOKENS=200-800 \
//     node bin/run-ts.js bench/gateway/concurrency.ts
import { readdirSync } from 'node:fs';
import { Agent, request } from 'undici';
import { cpuSeconds, rssMb, type Started, start, stop } from './processes.js';

const sizes = (process.env.BENCH_STREAMS ?? '1000').split(',').map(Number);
const ttftMs = Number(process.env.BENCH_TTFT_MS ?? 300);
const itlMs = Number(process.env.BENCH_ITL_MS ?? 20);
const [minTokens, maxTokens] = (process.env.BENCH_TOKENS ?? '200-800').split('-').map(Number);

interface Run {
  ttfts: number[];
  chunks: number;
  expected: number;
  failed: number;
  seconds: number;
}

async function streams(url: string, count: number, key: string | undefined, model: string): Promise<Run> {
  const dispatcher = new Agent({ connections: count + 10, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const ttfts: number[] = [];
  let chunks = 0;
  let expected = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now();
      try {
        const { statusCode, body } = await request(`${url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher,
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({
            model,
            messages: [{ role: 'user', content: `stream ${i}` }],
            stream: true,
            stream_options: { include_usage: true },
          }),
        });
        if (statusCode !== 200) {
          failed++;
          await body.dump();
          return;
        }
        let mine = 0;
        let tail = '';
        for await (const bytes of body) {
          tail += bytes.toString();
          let at = tail.indexOf('"content":" w');
          while (at !== -1) {
            if (mine === 0) ttfts.push(performance.now() - t0);
            mine++;
            at = tail.indexOf('"content":" w', at + 1);
          }
          const usage = /"completion_tokens":(\d+)/.exec(tail);
          if (usage) expected += Number(usage[1]);
          const cut = tail.lastIndexOf('\n\n');
          if (cut !== -1) tail = tail.slice(cut + 2);
        }
        chunks += mine;
      } catch {
        failed++;
      }
    }),
  );
  await dispatcher.close();
  ttfts.sort((a, b) => a - b);
  return { ttfts, chunks, expected, failed, seconds: (performance.now() - started) / 1000 };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

let simulator: Started | undefined;
let gateway: Started | undefined;
try {
  simulator = await start(['bin/run-ts.js', 'bench/gateway/simulator-server.ts'], {
    core: 1,
    env: {
      GANTRY_BENCH_SIMULATOR: JSON.stringify({
        timeToFirstTokenMs: ttftMs,
        interTokenLatencyMs: itlMs,
        jitter: 0.1,
        outputTokens: { min: minTokens, max: maxTokens },
      }),
    },
  });
  const maxStreams = Math.max(...sizes);
  gateway = await start(['--max-old-space-size=4096', 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
    core: 0,
    env: {
      GANTRY_BENCH_CONFIG: JSON.stringify({
        gateway: {
          upstreams: {
            sim: { baseURL: `${simulator.url}/v1`, connections: maxStreams + 100, timeoutMs: 120_000 },
          },
          routes: { stream: { targets: [{ upstream: 'sim' }] } },
          auth: { required: true },
        },
      }),
    },
  });
  const key = /key (\S+)/.exec(gateway.line)?.[1];
  process.stdout.write(
    `simulator: TTFT ${ttftMs} ms, ${itlMs} ms between tokens, ${minTokens}-${maxTokens} tokens\n`,
  );
  process.stdout.write(
    '| streams | path | TTFT p50 ms | TTFT p99 ms | added p50/p99 ms | chunks (dropped) | failed | s | peak RSS MB (idle) | KB per stream | CPU µs/token | fds peak |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|---|---|---|---|---|---|\n');
  // Warm-up: the gateway's first requests load code paths and the tokenizer.
  await streams(gateway.url, 20, key, 'stream');
  for (const count of sizes) {
    const direct = await streams(simulator.url, count, undefined, 'simulated');
    process.stdout.write(
      `| ${count} | direct | ${quantile(direct.ttfts, 0.5).toFixed(1)} | ${quantile(direct.ttfts, 0.99).toFixed(1)} | | ${direct.chunks} (${direct.expected - direct.chunks}) | ${direct.failed} | ${direct.seconds.toFixed(1)} | | | | |\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const pid = gateway.pid;
    const idleRss = rssMb(pid);
    let peakRss = idleRss;
    let peakFds = fds(pid);
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(pid));
      peakFds = Math.max(peakFds, fds(pid));
    }, 200);
    const cpuBefore = cpuSeconds(pid);
    const through = await streams(gateway.url, count, key, 'stream');
    clearInterval(sampler);
    const cpu = cpuSeconds(pid) - cpuBefore;
    const addedP50 = quantile(through.ttfts, 0.5) - quantile(direct.ttfts, 0.5);
    const addedP99 = quantile(through.ttfts, 0.99) - quantile(direct.ttfts, 0.99);
    process.stdout.write(
      `| ${count} | gateway | ${quantile(through.ttfts, 0.5).toFixed(1)} | ${quantile(through.ttfts, 0.99).toFixed(1)} | ${addedP50.toFixed(1)} / ${addedP99.toFixed(1)} | ${through.chunks} (${through.expected - through.chunks}) | ${through.failed} | ${through.seconds.toFixed(1)} | ${peakRss.toFixed(0)} (${idleRss.toFixed(0)}) | ${(((peakRss - idleRss) * 1024) / count).toFixed(1)} | ${((cpu * 1e6) / Math.max(1, through.chunks)).toFixed(1)} | ${peakFds} |\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
} finally {
  await stop(gateway);
  await stop(simulator);
}
