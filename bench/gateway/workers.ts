// `gantry serve --workers N` under load: the real CLI with a configuration file and a stored key, the
// same route and features as the single-process runs. CPU is read from /proc for every worker (and
// the primary, and redis-server when limits are shared), so that requests/s per dedicated core can be
// computed from a run on a box whose cores are shared with the load generator and the upstream.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startRedisServer } from '../../test/redis-server.js';
import { cpuSeconds } from './processes.js';
import { runWrk } from './wrk.js';

export interface WorkersRun {
  label: string;
  workers: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU µs per request summed over the worker processes. */
  workerMicros: number;
  primaryMicros: number;
  /** redis-server's CPU µs per request (shared limits), when used. */
  redisMicros: number | undefined;
}

export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Starts `gantry serve --workers N`; `cpus` (a taskset list) pins the primary and its workers. */
export async function serve(
  config: string,
  workers: number,
  cpus?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const argv = [process.execPath, 'bin/gantry.js', '-c', config, 'serve', '--workers', String(workers)];
  const command = cpus === undefined ? argv : ['taskset', '-c', cpus, ...argv];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  for (let i = 0; i < 600 && (log.match(/listening on/g) ?? []).length < workers; i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
  if (!url || (log.match(/listening on/g) ?? []).length < workers) {
    child.kill('SIGKILL');
    throw new Error(`gantry serve --workers ${workers} did not start: ${log}`);
  }
  return { child, url };
}

export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Writes the configuration of one `gantry serve` run (its own database and free port) into `folder`. */
export async function writeServeConfig(
  folder: string,
  index: number,
  gateway: Record<string, unknown>,
  state?: Record<string, unknown>,
): Promise<string> {
  const config = join(folder, `gantry-${index}.config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      database: { path: join(folder, `gantry-${index}.db`) },
      server: { port: await freePort() },
      gateway: { ...gateway, ...(state ? { state } : {}) },
    }),
  );
  return config;
}

/** A stored key with limits and a budget far above what a run uses, made through `gantry keys create`. */
export function createBenchKey(config: string): string {
  const created = spawnSync(
    process.execPath,
    [
      ...['bin/gantry.js', '-c', config, 'keys', 'create', '--name', 'bench'],
      ...['--rpm', '1000000000', '--tpm', '1000000000000', '--concurrent', '100000'],
      ...['--daily-budget', '1000000000', '--json'],
    ],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`gantry keys create failed: ${created.stderr}`);
  return (JSON.parse(created.stdout) as { key: string }).key;
}

/**
 * One measured `gantry serve --workers N` run on `config` with a new key: a 2-s wrk warm-up, then
 * `seconds` of load; CPU per request of the workers, the primary and (when given) redis-server.
 */
export async function measureServe(options: {
  config: string;
  label: string;
  workers: number;
  seconds: number;
  wrk: { connections: number; core?: number | string; threads?: number };
  /** A taskset list for the primary and its workers. */
  cpus?: string;
  redisPid?: number;
}): Promise<WorkersRun> {
  const { label, workers, seconds, redisPid } = options;
  const key = createBenchKey(options.config);
  const { child, url } = await serve(options.config, workers, options.cpus);
  try {
    const primary = child.pid ?? 0;
    const workerPids = workers > 1 ? childrenOf(primary) : [primary];
    const wrk = { ...options.wrk, url, env: { BENCH_KEY: key } };
    await runWrk({ ...wrk, label: 'warm-up', seconds: 2 });
    const cpu = () => ({
      workers: workerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
      primary: workers > 1 ? cpuSeconds(primary) : 0,
      redis: redisPid ? cpuSeconds(redisPid) : 0,
    });
    const before = cpu();
    const load = await runWrk({ ...wrk, label, seconds });
    const after = cpu();
    const perRequest = (s: number) => (s * 1e6) / Math.max(1, load.requests);
    return {
      label,
      workers,
      requestsPerSecond: load.requestsPerSecond,
      p50: load.p50,
      p99: load.p99,
      errors: load.errors,
      workerMicros: perRequest(after.workers - before.workers),
      primaryMicros: perRequest(after.primary - before.primary),
      redisMicros: redisPid ? perRequest(after.redis - before.redis) : undefined,
    };
  } finally {
    await stopServe(child);
  }
}

export async function runWorkersBench(options: {
  upstreamUrl: string;
  seconds: number;
  /** The single-process gateway configuration (routes and features) to run with workers. */
  gateway: Record<string, unknown>;
}): Promise<WorkersRun[]> {
  const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-workers-'));
  const redis = await startRedisServer().catch(() => undefined);
  const runs: WorkersRun[] = [];
  try {
    const variants: { label: string; workers: number; state?: Record<string, unknown> }[] = [
      { label: '1 process', workers: 1 },
      { label: '--workers 2', workers: 2 },
    ];
    if (redis)
      variants.push(
        {
          label: '--workers 2, limits in Redis (leased)',
          workers: 2,
          state: { kind: 'redis', url: redis.url, prefix: 'leased:' },
        },
        {
          label: '--workers 2, limits in Redis (lease: false)',
          workers: 2,
          state: { kind: 'redis', url: redis.url, prefix: 'percall:', lease: false },
        },
      );
    for (const variant of variants) {
      const config = await writeServeConfig(folder, runs.length, options.gateway, variant.state);
      runs.push(
        await measureServe({
          config,
          label: variant.label,
          workers: variant.workers,
          seconds: options.seconds,
          wrk: { connections: 32 },
          redisPid: variant.state ? redis?.pid : undefined,
        }),
      );
    }
  } finally {
    await redis?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return runs;
}

export function printWorkers(runs: readonly WorkersRun[]): void {
  process.stdout.write(
    '\n| serve | req/s (c=32) | p50 ms | p99 ms | errors | workers CPU µs/req | primary CPU µs/req | redis-server CPU µs/req | req/s per dedicated core |\n|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of runs) {
    process.stdout.write(
      `| ${r.label} | ${Math.round(r.requestsPerSecond)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} | ${r.workerMicros.toFixed(0)} | ${r.primaryMicros.toFixed(1)} | ${r.redisMicros === undefined ? '' : r.redisMicros.toFixed(0)} | ${Math.round(1e6 / r.workerMicros)} |\n`,
    );
  }
  const best = runs.find((r) => r.workers > 1 && r.redisMicros === undefined);
  if (best) {
    const cores = Math.ceil((10_000 * best.workerMicros) / 1e6);
    process.stdout.write(
      `\n10,000 req/s with --workers: ${best.workerMicros.toFixed(0)} µs per request over the workers -> ${cores} dedicated core(s) of workers (plus the upstream's and the load generator's)\n`,
    );
  }
}
