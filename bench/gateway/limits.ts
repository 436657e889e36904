// `node bin/run-ts.js bench/gateway/limits.ts`: what shared limits cost. One gateway process each
// with its limits in memory, in Redis with a call per request (state.lease false, the old path) and
// in Redis with leases (the default), in alternating rounds under wrk on the same cores as run.ts:
// the gateway's CPU µs per request (user + system time from /proc, what process.cpuUsage reports) and
// redis-server's, side by side. The key has all four limits (requests and tokens per minute,
// concurrency, a daily budget), set high enough never to refuse. Tracing is off in all three so that
// the difference is the limits alone. BENCH_SECONDS (default 4), BENCH_ROUNDS (default 3).
import { startRedisServer } from '../../test/redis-server.js';
import { benchGateway } from './bench-config.js';
import { cpuSeconds, type Started, start, stop } from './processes.js';
import { hasWrk, type LoadResult, runWrk } from './wrk.js';

if (!hasWrk) {
  process.stderr.write('bench/gateway/limits.ts needs wrk: apt-get install wrk\n');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const proxyCore = 0;
const loadCore = 1;

const redis = await startRedisServer();
const started: Started[] = [];
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: loadCore });
  started.push(upstream);
  const variants: [string, Record<string, unknown>][] = [
    ['limits in memory', { kind: 'memory' }],
    ['Redis, a call per request (lease: false)', { kind: 'redis', url: redis.url, lease: false }],
    ['Redis, leased (default)', { kind: 'redis', url: redis.url, prefix: 'leased:' }],
  ];
  const targets: { label: string; server: Started; key: string }[] = [];
  for (const [label, state] of variants) {
    const config = { tracing: { enabled: false }, gateway: benchGateway(upstream.url, { state }) };
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
    });
  }
  const results = new Map<string, { load: LoadResult; redisMicros: number }[]>();
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const redisBefore = cpuSeconds(redis.pid);
      const load = await runWrk({
        label: t.label,
        url: t.server.url,
        connections: 32,
        seconds,
        env: { BENCH_KEY: t.key },
        measuredPid: t.server.pid,
        core: loadCore,
      });
      const redisMicros = ((cpuSeconds(redis.pid) - redisBefore) * 1e6) / Math.max(1, load.requests);
      results.set(t.label, [...(results.get(t.label) ?? []), { load, redisMicros }]);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const memory = median((results.get(targets[0].label) ?? []).map((r) => r.load.cpuMicrosPerRequest ?? 0));
  process.stdout.write(
    '\n| limits | req/s per round (c=32) | gateway CPU µs/req per round | median | added over memory (median) | redis-server CPU µs/req (median) | errors |\n|---|---|---|---|---|---|---|\n',
  );
  for (const [label, list] of results) {
    const cpu = list.map((r) => r.load.cpuMicrosPerRequest ?? 0);
    const errors = list.reduce((sum, r) => sum + r.load.errors, 0);
    process.stdout.write(
      `| ${label} | ${list.map((r) => Math.round(r.load.requestsPerSecond)).join(', ')} | ${cpu.map((c) => c.toFixed(0)).join(', ')} | ${median(cpu).toFixed(0)} | ${(median(cpu) - memory).toFixed(0)} | ${median(list.map((r) => r.redisMicros)).toFixed(1)} | ${errors} |\n`,
    );
  }
} finally {
  for (const s of started.reverse()) await stop(s);
  await redis.stop();
}
