// `node bin/run-ts.js bench/gateway/many-cores.ts`: issue 23 item 6 on a machine with more cores than
// this project's 2: `gantry serve --workers N` as users run it (auth required, a stored key with limits
// and a budget, usage rows with the span in them, metrics, tracing at its default), its primary and
// workers pinned to N cores of their own, the fake upstreams and wrk on other cores, so that the figure
// is what N dedicated cores serve. Per N: requests/s, latency, errors, and CPU µs per request over the
// workers (from /proc), hence requests/s per worker core.
// Env (taskset lists): BENCH_WORKERS=1,2,4,8; BENCH_SERVE_CORES=0-7 (the first N of them for N workers);
// BENCH_UPSTREAM_CORES=8,9,10,11 (one fake upstream process on each, the route spread over them);
// BENCH_WRK_CORES=12-15, BENCH_WRK_THREADS=4, BENCH_CONNECTIONS=256, BENCH_SECONDS=5; BENCH_REDIS=1 adds a
// run per N with the limits in Redis (leased), when redis-server is on the PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCpuList } from '../../src/bench-backend/thread-placement.js';
import { startRedisServer } from '../../test/redis-server.js';
import { benchGateway } from './bench-config.js';
import { type Started, start, stop } from './processes.js';
import { measureServe, type WorkersRun, writeServeConfig } from './workers.js';

const workerCounts = (process.env.BENCH_WORKERS ?? '1,2,4,8').split(',').map(Number);
const serveCores = parseCpuList(process.env.BENCH_SERVE_CORES ?? '0-7');
const upstreamCores = parseCpuList(process.env.BENCH_UPSTREAM_CORES ?? '8,9,10,11');
const wrkCores = process.env.BENCH_WRK_CORES ?? '12-15';
const wrkThreads = Number(process.env.BENCH_WRK_THREADS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 256);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const withRedis = process.env.BENCH_REDIS === '1';
const out = (line: string) => process.stdout.write(`${line}\n`);

if (Math.max(...workerCounts) > serveCores.length) {
  process.stderr.write(
    `BENCH_WORKERS asks for ${Math.max(...workerCounts)} workers but BENCH_SERVE_CORES lists ${serveCores.length} cores: give each worker a core\n`,
  );
  process.exit(2);
}

type Row = WorkersRun & { cores: string };

const upstreams: Started[] = [];
const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-many-cores-'));
const redis = withRedis ? await startRedisServer().catch(() => undefined) : undefined;
const rows: Row[] = [];
try {
  out(
    `machine: ${cpus().length} cores (${cpus()[0]?.model}); node ${process.version}; load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const core of upstreamCores)
    upstreams.push(await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core }));
  const base = benchGateway(upstreams[0].url);
  const gateway = {
    ...base,
    upstreams: Object.fromEntries(upstreams.map((u, i) => [`u${i}`, { baseURL: `${u.url}/v1` }])),
    routes: {
      bench: {
        strategy: 'least-outstanding',
        targets: upstreams.map((_, i) => ({ upstream: `u${i}`, model: 'gpt-4o-mini' })),
      },
    },
  };
  const variants = workerCounts.flatMap((workers) => [
    { workers, state: undefined as Record<string, unknown> | undefined, label: `--workers ${workers}` },
    ...(redis
      ? [
          {
            workers,
            state: { kind: 'redis', url: redis.url, prefix: `leased${workers}:` },
            label: `--workers ${workers}, limits in Redis (leased)`,
          },
        ]
      : []),
  ]);
  for (const [index, variant] of variants.entries()) {
    const cores = serveCores.slice(0, variant.workers).join(',');
    const run = await measureServe({
      config: await writeServeConfig(folder, index, gateway, variant.state),
      label: variant.label,
      workers: variant.workers,
      seconds,
      cpus: cores,
      // redis-server is not pinned here: its CPU is not read.
      wrk: { connections, core: wrkCores, threads: wrkThreads },
    });
    const row: Row = { ...run, cores };
    rows.push(row);
    out(
      `${row.label}: ${Math.round(row.requestsPerSecond)} req/s, p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, errors ${row.errors}, workers ${row.workerMicros.toFixed(1)} µs/req`,
    );
  }
} finally {
  for (const u of upstreams) await stop(u);
  await redis?.stop();
  rmSync(folder, { recursive: true, force: true });
}

out(
  `\nfake upstreams on cores ${upstreamCores.join(',')}; wrk -t ${wrkThreads} -c ${connections} on cores ${wrkCores}; ${seconds} s per run`,
);
out(
  '| serve | serve cores | req/s | p50 ms | p99 ms | errors | workers CPU µs/req | primary CPU µs/req | req/s per worker core |',
);
out('|---|---|---|---|---|---|---|---|---|');
for (const r of rows)
  out(
    `| ${r.label} | ${r.cores} | ${Math.round(r.requestsPerSecond)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} | ${r.workerMicros.toFixed(1)} | ${r.primaryMicros.toFixed(1)} | ${Math.round(1e6 / r.workerMicros)} |`,
  );
