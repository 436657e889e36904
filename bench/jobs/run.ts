// `npm run bench jobs`: agent runs through the job queue (BullMQ on a local redis-server), run by 1
// and then 3 worker processes on one SQLite file, with the scripted model. Two workloads: a tool that
// does no work (CPU-bound: what the queue, the checkpoints and the processes cost per job) and a tool
// that waits 200 ms (latency-bound, like a real model or API call: what spreading concurrency over
// workers buys). Jobs/s from the first enqueue to the last completion; medians of interleaved rounds.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobQueue } from '../../src/jobs/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { startRedisServer } from '../../test/redis-server.js';

const steps = Number(process.env.BENCH_STEPS ?? 2);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

function startWorker(name: string, settings: Record<string, unknown>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fixtures/jobs-worker-process.ts'], {
    env: { ...process.env, GANTRY_JOBS_TEST: JSON.stringify({ ...settings, name }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`worker exited ${code}`)));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('"ready"')) resolve(child);
    });
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Workload {
  name: string;
  jobs: number;
  toolMs: number;
}

const workloads: Workload[] = [
  { name: 'cpu-bound (tool 0 ms)', jobs: Number(process.env.BENCH_JOBS ?? 60), toolMs: 0 },
  { name: 'latency-bound (tool 200 ms)', jobs: Number(process.env.BENCH_SLOW_JOBS ?? 36), toolMs: 200 },
];

async function measure(
  workload: Workload,
  workerCount: number,
  round: number,
  redisUrl: string,
  folder: string,
): Promise<number> {
  const { jobs } = workload;
  const queueName = `bench-${workload.toolMs}-${workerCount}-${round}`;
  const sqlitePath = join(folder, `${queueName}.db`);
  openSqliteStore({ path: sqlitePath }).close(); // migrated once, before the workers open it
  const settings = {
    redisUrl,
    queue: queueName,
    sqlitePath,
    logPath: join(folder, `${queueName}.log`),
    steps,
    toolMs: workload.toolMs,
    concurrency,
    lockMs: 30_000,
  };
  const workers = await Promise.all(
    Array.from({ length: workerCount }, (_, i) => startWorker(`w${i + 1}`, settings)),
  );
  const queue = await createJobQueue({ redisUrl, queue: queueName });
  try {
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < jobs; i++)
      ids.push(await queue.enqueue('agent-run', { runId: `run_b${i}`, task: 'Count.' }));
    for (const id of ids) {
      const status = await queue.wait(id, { timeoutMs: 300_000, pollMs: 20 });
      if (status.state !== 'completed') throw new Error(`job ${id} ${status.state}: ${status.error}`);
    }
    return jobs / ((performance.now() - started) / 1000);
  } finally {
    await queue.close();
    await Promise.all(workers.map(stop));
  }
}

const redis = await startRedisServer();
const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-jobs-'));
try {
  let table = `| workload | jobs | workers | jobs/s (median of ${repeats}) | rounds | 3 vs 1 |\n|---|---|---|---|---|---|\n`;
  for (const workload of workloads) {
    const results: Record<number, number[]> = { 1: [], 3: [] };
    // Interleaved, so that a change in the machine's load touches both settings alike.
    for (let round = 0; round < repeats; round++) {
      for (const workerCount of [1, 3]) {
        const rate = await measure(workload, workerCount, round, redis.url, folder);
        results[workerCount].push(rate);
        process.stdout.write(
          `${workload.name}, round ${round + 1}: ${workerCount} worker(s): ${rate.toFixed(1)} jobs/s\n`,
        );
      }
    }
    const one = median(results[1]);
    const three = median(results[3]);
    const rounds = (n: number) => results[n].map((r) => r.toFixed(1)).join(', ');
    table += `| ${workload.name} | ${workload.jobs} | 1 | ${one.toFixed(1)} | ${rounds(1)} | |\n`;
    table += `| ${workload.name} | ${workload.jobs} | 3 | ${three.toFixed(1)} | ${rounds(3)} | ${(three / one).toFixed(2)}× |\n`;
  }
  process.stdout.write(
    `\nagent-run jobs of ${steps} tool steps + answer (scripted model), ${concurrency} jobs at once per worker, one SQLite file, load ${loadavg()[0].toFixed(1)}\n${table}`,
  );
} finally {
  await redis.stop();
  rmSync(folder, { recursive: true, force: true });
}
