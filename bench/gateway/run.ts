// `npm run bench gateway`: the gateway against the same zero-delay upstream called directly, a bare
// pass-through proxy and Portkey's open-source gateway, under wrk; CPU time per request of each
// proxy; `gantry serve --workers 2` (CPU per request over the workers); 1,000 concurrent streams with
// memory before, during and after, three times over (a leak grows with each; a high-water mark does not).
// The gateway runs with every feature on, a span per request written to SQLite included (tracing is
// on by default); a second gateway process with tracing off shows what the spans cost.
// Cores: the proxies run on core 0, the upstream and wrk on core 1 (taskset), so that a proxy's CPU
// time per request is measured without the load generator competing for its core.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchGateway } from './bench-config.js';
import { cpuSeconds, rssMb, type Started, start, stop } from './processes.js';
import { runStreams } from './streams.js';
import { printWorkers, runWorkersBench } from './workers.js';
import { hasWrk, type LoadResult, runWrk } from './wrk.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const skipPortkey = process.env.BENCH_SKIP_PORTKEY === '1';
const proxyCore = 0;
const loadCore = 1;

if (!hasWrk) {
  process.stderr.write('bench/gateway needs wrk: apt-get install wrk\n');
  process.exit(2);
}

const started: Started[] = [];
const keep = <T extends Started>(s: T): T => {
  started.push(s);
  return s;
};
const results: LoadResult[] = [];

try {
  const upstream = keep(await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: loadCore }));
  const bare = keep(
    await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], { core: proxyCore }),
  );
  const gatewayConfig = { gateway: benchGateway(upstream.url) };
  const gateway = keep(
    await start(['--expose-gc', 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      env: { GANTRY_BENCH_CONFIG: JSON.stringify(gatewayConfig) },
    }),
  );
  const key = / key (\S+)/.exec(gateway.line)?.[1] ?? '';
  const untraced = keep(
    await start(['bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      env: { GANTRY_BENCH_CONFIG: JSON.stringify({ ...gatewayConfig, tracing: { enabled: false } }) },
    }),
  );
  const untracedKey = / key (\S+)/.exec(untraced.line)?.[1] ?? '';

  // Warm-up (JIT, pools), then the measured runs, direct and proxied, one after the other.
  const targets = [
    { label: 'direct', server: upstream, key: '' },
    { label: 'bare proxy', server: bare, key: '' },
    { label: 'gantry gateway', server: gateway, key },
    { label: 'gantry gateway, tracing off', server: untraced, key: untracedKey },
  ];
  for (const t of targets) {
    await runWrk({
      label: 'warm-up',
      url: t.server.url,
      connections: 32,
      seconds: 2,
      env: { BENCH_KEY: t.key },
      core: loadCore,
    });
  }
  for (const [connections, length] of [
    [32, seconds],
    [8, Math.max(3, seconds / 2)],
  ]) {
    for (const t of targets) {
      results.push(
        await runWrk({
          label: t.label,
          url: t.server.url,
          connections,
          seconds: length,
          env: { BENCH_KEY: t.key },
          // The upstream's own CPU per request is reported once, at 32 connections.
          measuredPid: t.server !== upstream || connections === 32 ? t.server.pid : undefined,
          core: loadCore,
        }),
      );
    }
  }
  await stop(bare);
  await stop(untraced);
  await stop(gateway);

  if (!skipPortkey) {
    const portkey = await startPortkey();
    if (portkey) {
      keep(portkey);
      await runWrk({
        label: 'warm-up',
        url: portkey.url,
        connections: 32,
        seconds: 2,
        env: { PORTKEY_CUSTOM_HOST: `${upstream.url}/v1` },
        core: loadCore,
      });
      results.push(
        await runWrk({
          label: 'portkey',
          url: portkey.url,
          connections: 32,
          seconds,
          env: { PORTKEY_CUSTOM_HOST: `${upstream.url}/v1` },
          measuredPid: portkey.pid,
          core: loadCore,
        }),
      );
      await stop(portkey);
    }
  }
  printLoad(results);

  // Workers: unpinned (the workers need both cores), same route and features.
  printWorkers(await runWorkersBench({ upstreamUrl: upstream.url, seconds, gateway: gatewayConfig.gateway }));

  // Streams: the simulator (50 ms to first token, 20 tokens 20 ms apart), direct and through a gateway.
  const tokens = 20;
  const simulator = keep(
    await start(
      ['bin/gantry.js', 'simulate', '--port', '0', '--ttft', '50', '--itl', '20', '--tokens', String(tokens)],
      { core: loadCore },
    ),
  );
  const streamGateway = keep(
    await start(['--expose-gc', 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      env: {
        GANTRY_BENCH_CONFIG: JSON.stringify({
          gateway: {
            upstreams: { sim: { baseURL: `${simulator.url}/v1`, connections: 1_100 } },
            routes: { stream: { targets: [{ upstream: 'sim' }] } },
            auth: { required: true },
          },
        }),
      },
    }),
  );
  const streamKey = / key (\S+)/.exec(streamGateway.line)?.[1] ?? '';
  await runStreams({ label: 'warm-up', url: streamGateway.url, streams: 50, tokens, key: streamKey });
  const heapBefore = await gc(streamGateway.url);
  const memoryBefore = rssMb(streamGateway.pid);
  const direct = await runStreams({ label: 'direct', url: simulator.url, streams: 1000, tokens });
  let memoryPeak = memoryBefore;
  const sampler = setInterval(() => {
    memoryPeak = Math.max(memoryPeak, rssMb(streamGateway.pid));
  }, 50);
  const cpuBefore = cpuSeconds(streamGateway.pid);
  const through = await runStreams({
    label: 'gateway',
    url: streamGateway.url,
    streams: 1000,
    tokens,
    key: streamKey,
  });
  const streamCpu = cpuSeconds(streamGateway.pid) - cpuBefore;
  clearInterval(sampler);
  // Idle keep-alive sockets (undici's 4 s default) go first, then a collection.
  await new Promise((r) => setTimeout(r, 6_000));
  const heapAfter = await gc(streamGateway.url);
  const memoryAfter = rssMb(streamGateway.pid);
  printStreams(direct, through, { memoryBefore, memoryPeak, memoryAfter, streamCpu, heapBefore, heapAfter });
  // Two more rounds: memory that grows round after round is a leak; a plateau is a high-water mark.
  const rounds = [`RSS ${memoryAfter.toFixed(0)} MB, heap ${heapAfter.toFixed(1)} MB`];
  for (let round = 2; round <= 3; round++) {
    const again = await runStreams({
      label: 'gateway',
      url: streamGateway.url,
      streams: 1000,
      tokens,
      key: streamKey,
    });
    await new Promise((r) => setTimeout(r, 6_000));
    const heap = await gc(streamGateway.url);
    rounds.push(
      `RSS ${rssMb(streamGateway.pid).toFixed(0)} MB, heap ${heap.toFixed(1)} MB (${again.chunksReceived}/${again.chunksExpected} chunks)`,
    );
  }
  process.stdout.write(`after each of 3 rounds of 1,000 streams: ${rounds.join('; ')}\n`);
  // V8 gives committed heap back after a while idle (its memory reducer), not at once.
  await new Promise((r) => setTimeout(r, 30_000));
  const heapIdle = await gc(streamGateway.url);
  process.stdout.write(
    `after 30 s more idle: RSS ${rssMb(streamGateway.pid).toFixed(0)} MB, heap ${heapIdle.toFixed(1)} MB (before the streams: RSS ${memoryBefore.toFixed(0)} MB, heap ${heapBefore.toFixed(1)} MB)\n`,
  );
} finally {
  for (const s of started.reverse()) await stop(s);
}

/** Collects garbage in the gateway and returns its heap in use, in MB. */
async function gc(url: string): Promise<number> {
  const response = await fetch(`${url}/bench/gc`, { method: 'POST' });
  const memory = (await response.json()) as { heapUsed: number };
  return memory.heapUsed / 1024 / 1024;
}

/** Installs Portkey's gateway on demand into a temporary folder (never a project dependency). */
async function startPortkey(): Promise<Started | undefined> {
  const folder = join(tmpdir(), 'gantry-bench-portkey');
  const entry = join(folder, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  if (!existsSync(entry)) {
    mkdirSync(folder, { recursive: true });
    process.stdout.write('installing @portkey-ai/gateway@1.15.2 into a temporary folder...\n');
    const install = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefix', folder, '@portkey-ai/gateway@1.15.2'],
      { stdio: 'inherit' },
    );
    if (install.status !== 0 || !existsSync(entry)) {
      process.stdout.write('Portkey could not be installed; skipping it\n');
      return undefined;
    }
  }
  const port = 18_000 + Math.floor(Math.random() * 2_000);
  return start([entry, `--port=${port}`, '--headless'], { core: proxyCore, cwd: folder });
}

function printLoad(list: LoadResult[]): void {
  const direct32 = list.find((r) => r.label === 'direct' && r.connections === 32);
  const direct8 = list.find((r) => r.label === 'direct' && r.connections === 8);
  const bare32 = list.find((r) => r.label === 'bare proxy' && r.connections === 32);
  process.stdout.write(
    '\n| run | conns | req/s | ratio to direct | p50 ms | p99 ms | p99.9 ms | added p50 / p99 / p99.9 ms | CPU µs/req | errors |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|---|---|---|---|\n');
  for (const r of list) {
    const base = r.connections === 32 ? direct32 : direct8;
    const ratio = base ? (r.requestsPerSecond / base.requestsPerSecond).toFixed(3) : '';
    const added =
      base && r !== base
        ? `${(r.p50 - base.p50).toFixed(2)} / ${(r.p99 - base.p99).toFixed(2)} / ${(r.p999 - base.p999).toFixed(2)}`
        : '';
    process.stdout.write(
      `| ${r.label} | ${r.connections} | ${Math.round(r.requestsPerSecond)} | ${ratio} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.p999.toFixed(2)} | ${added} | ${r.cpuMicrosPerRequest?.toFixed(0) ?? ''} | ${r.errors} |\n`,
    );
  }
  for (const label of ['gantry gateway', 'gantry gateway, tracing off']) {
    const gateway32 = list.find((r) => r.label === label && r.connections === 32);
    if (!gateway32?.cpuMicrosPerRequest || !bare32?.cpuMicrosPerRequest) continue;
    const perCore = 1e6 / gateway32.cpuMicrosPerRequest;
    process.stdout.write(
      `\n${label}: CPU per request ${gateway32.cpuMicrosPerRequest.toFixed(0)} µs = ${(gateway32.cpuMicrosPerRequest / bare32.cpuMicrosPerRequest).toFixed(2)}x the bare proxy (${bare32.cpuMicrosPerRequest.toFixed(0)} µs); ` +
        `one dedicated core: ${Math.round(perCore)} req/s; cores for 10,000 req/s: ${Math.ceil(10_000 / perCore)}`,
    );
  }
  process.stdout.write('\n');
}

function printStreams(
  direct: Awaited<ReturnType<typeof runStreams>>,
  through: Awaited<ReturnType<typeof runStreams>>,
  memory: {
    memoryBefore: number;
    memoryPeak: number;
    memoryAfter: number;
    streamCpu: number;
    heapBefore: number;
    heapAfter: number;
  },
): void {
  process.stdout.write(
    '\n| streams | run | TTFT p50 ms | TTFT p99 ms | chunks received / expected | failed streams | seconds |\n|---|---|---|---|---|---|---|\n',
  );
  for (const r of [direct, through]) {
    process.stdout.write(
      `| ${r.streams} | ${r.label} | ${r.ttftP50.toFixed(1)} | ${r.ttftP99.toFixed(1)} | ${r.chunksReceived} / ${r.chunksExpected} | ${r.failedStreams} | ${r.seconds.toFixed(2)} |\n`,
    );
  }
  process.stdout.write(
    `\nadded TTFT p50 ${(through.ttftP50 - direct.ttftP50).toFixed(1)} ms, p99 ${(through.ttftP99 - direct.ttftP99).toFixed(1)} ms; dropped chunks ${through.chunksExpected - through.chunksReceived}; ` +
      `gateway RSS before ${memory.memoryBefore.toFixed(0)} MB, peak ${memory.memoryPeak.toFixed(0)} MB, after ${memory.memoryAfter.toFixed(0)} MB; ` +
      `V8 heap in use after a collection: before ${memory.heapBefore.toFixed(1)} MB, after ${memory.heapAfter.toFixed(1)} MB; gateway CPU for the 1,000 streams ${memory.streamCpu.toFixed(2)} s\n`,
  );
}
