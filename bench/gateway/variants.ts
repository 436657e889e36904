// `node bin/run-ts.js bench/gateway/variants.ts`: the working tree's gateway in several
// configurations (tracing on, off, sampled; features off one at a time) beside the bare proxy, in
// alternating rounds on the same cores as run.ts: CPU µs per request of each, to see what a feature
// costs. BENCH_SECONDS (default 4) and BENCH_ROUNDS (default 3) set the length.
import { type Started, start, stop } from './processes.js';
import { hasWrk, type LoadResult, runWrk } from './wrk.js';

if (!hasWrk) {
  process.stderr.write('bench/gateway/variants.ts needs wrk: apt-get install wrk\n');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const proxyCore = 0;
const loadCore = 1;

const started: Started[] = [];
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: loadCore });
  started.push(upstream);
  const gateway = (extra: Record<string, unknown> = {}) => ({
    upstreams: { a: { baseURL: `${upstream.url}/v1` }, b: { baseURL: `${upstream.url}/v1` } },
    routes: {
      bench: {
        strategy: 'least-outstanding',
        targets: [
          { upstream: 'a', model: 'gpt-4o-mini' },
          { upstream: 'b', model: 'gpt-4o-mini' },
        ],
      },
    },
    auth: { required: true },
    cache: { enabled: true },
    ...extra,
  });
  const off = { tracing: { enabled: false } };
  const variants: [string, Record<string, unknown>][] = [
    ['span per request (default)', { gateway: gateway() }],
    ['tracing off', { ...off, gateway: gateway() }],
    ['tracing sampled 0.1', { tracing: { sampleRatio: 0.1 }, gateway: gateway() }],
    ['tracing off, no metrics', { ...off, gateway: gateway({ metrics: { enabled: false } }) }],
    ['tracing off, no cache stage', { ...off, gateway: gateway({ cache: { enabled: false } }) }],
  ];
  const bare = await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], {
    core: proxyCore,
  });
  started.push(bare);
  const targets = [{ label: 'bare proxy', server: bare, key: '' }];
  for (const [label, config] of variants) {
    const server = await start(['bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
    });
    started.push(server);
    targets.push({ label, server, key: / key (\S+)/.exec(server.line)?.[1] ?? '' });
  }
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
  const results = new Map<string, LoadResult[]>();
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const r = await runWrk({
        label: t.label,
        url: t.server.url,
        connections: 32,
        seconds,
        env: { BENCH_KEY: t.key },
        measuredPid: t.server.pid,
        core: loadCore,
      });
      results.set(t.label, [...(results.get(t.label) ?? []), r]);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const bareMedian = median((results.get('bare proxy') ?? []).map((r) => r.cpuMicrosPerRequest ?? 0));
  process.stdout.write(
    '\n| gateway | req/s per round (c=32) | CPU µs/req per round | median CPU µs/req | x bare (median) |\n|---|---|---|---|---|\n',
  );
  for (const [label, list] of results) {
    const cpu = list.map((r) => r.cpuMicrosPerRequest ?? 0);
    const errors = list.reduce((sum, r) => sum + r.errors, 0);
    process.stdout.write(
      `| ${label} | ${list.map((r) => Math.round(r.requestsPerSecond)).join(', ')} | ${cpu.map((c) => c.toFixed(0)).join(', ')} | ${median(cpu).toFixed(0)} | ${(median(cpu) / bareMedian).toFixed(2)}${errors ? ` (${errors} errors)` : ''} |\n`,
    );
  }
} finally {
  for (const s of started.reverse()) await stop(s);
}
