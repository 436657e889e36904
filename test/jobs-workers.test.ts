// The queue across processes: three worker processes on one redis-server and one Postgres take agent
// runs from the queue; one is killed (SIGKILL) in the middle of its runs. Every job still finishes
// (its runs are redelivered to the other workers and resume from their checkpoints), and no tool
// call recorded as finished before the kill runs again.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue, type JobQueue } from '../src/jobs/index.js';
import { openPostgresStore, type PostgresStore } from '../src/store/index.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
let redis: RedisServer;
let folder: string;

beforeAll(async () => {
  redis = await startRedisServer();
  folder = mkdtempSync(join(tmpdir(), 'gantry-jobs-'));
});

afterAll(async () => {
  await redis?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  events: Record<string, unknown>[];
}

function startWorker(name: string, settings: Record<string, unknown>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fixtures/jobs-worker-process.ts'], {
    env: { ...process.env, GANTRY_JOBS_TEST: JSON.stringify({ ...settings, name }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: WorkerProcess = { name, child, events: [] };
  return new Promise((resolve, reject) => {
    let errors = '';
    let buffered = '';
    child.stderr?.on('data', (d: Buffer) => {
      errors += d.toString();
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`worker ${name} exited ${code ?? signal}: ${errors}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const event = JSON.parse(line) as Record<string, unknown>;
        worker.events.push(event);
        if (event.type === 'ready') resolve(worker);
      }
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('jobs across worker processes', () => {
  it('3 workers on one Redis and one Postgres, one SIGKILLed mid-run: every job finishes, no finished tool call repeats', {
    timeout: 180_000,
  }, async () => {
    const schema = postgres.schema('jobs');
    // The test opens (and migrates) the schema first, so the workers do not race to create it.
    const store: PostgresStore = await openPostgresStore({ url: postgres.url, schema, poolSize: 4 });
    const logPath = join(folder, 'side-effects.log');
    const steps = 6;
    const settings = {
      redisUrl: redis.url,
      queue: 'demo',
      postgresUrl: postgres.url,
      schema,
      logPath,
      steps,
      toolMs: 120,
      concurrency: 2,
      lockMs: 2000,
    };
    const queue: JobQueue = await createJobQueue({
      redisUrl: redis.url,
      queue: 'demo',
      attempts: 3,
      backoffMs: 100,
    });
    const workers: WorkerProcess[] = [];
    try {
      workers.push(...(await Promise.all(['w1', 'w2', 'w3'].map((name) => startWorker(name, settings)))));
      const runIds = Array.from({ length: 9 }, (_, i) => `run_jobs_${i}`);
      for (const runId of runIds) await queue.enqueue('agent-run', { runId, task: `Count ${steps} units.` });

      // Kill w1 once it has finished at least one step of a job and is inside another.
      const victim = workers[0];
      await until(
        () => victim.events.filter((e) => e.type === 'job-progress').length >= 2,
        60_000,
        'w1 to finish two steps',
      );
      const heldByVictim = new Set(
        victim.events
          .filter((e) => e.type === 'job-start')
          .map((e) => e.jobId as string)
          .filter((id) => !victim.events.some((e) => e.type === 'job-end' && e.jobId === id)),
      );
      victim.child.kill('SIGKILL');
      await new Promise((resolve) => victim.child.once('exit', resolve));
      // What the store records as finished at the moment of the kill: these must never run again.
      const finishedAtKill = new Set<string>();
      for (const runId of runIds)
        for (const call of await store.agentToolCalls.listToolCalls(runId))
          finishedAtKill.add(`${runId} ${call.callId}`);
      expect(heldByVictim.size).toBeGreaterThan(0);

      const statuses = await Promise.all(runIds.map((runId) => queue.wait(runId, { timeoutMs: 90_000 })));
      expect(statuses.map((s) => s.state)).toEqual(runIds.map(() => 'completed'));
      for (const status of statuses) {
        expect(status.result).toMatchObject({ text: `Counted ${steps} units.`, stopReason: 'final-answer' });
      }
      // The victim's unfinished jobs were delivered again and resumed, not restarted.
      const resumed = statuses.filter((s) => heldByVictim.has(s.id));
      expect(resumed.length).toBe(heldByVictim.size);
      for (const status of resumed) {
        expect(status.attempts).toBeGreaterThanOrEqual(2);
        // Resumed from its checkpoint; or, killed before its first checkpoint (no tool had run),
        // started again under the derived id `<runId>.<delivery>`.
        const result = status.result as { resumed: boolean; runId: string };
        expect(result.resumed || result.runId.startsWith(`${status.id}.`)).toBe(true);
      }

      const lines = readFileSync(logPath, 'utf8').trim().split('\n');
      const counts = new Map<string, number>();
      for (const line of lines) {
        const [runId, callId] = line.split(' ');
        const key = `${runId.replace(/\.\d+$/, '')} ${callId}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      // Every step's side effect happened, and those finished before the kill exactly once.
      for (const runId of runIds)
        for (let step = 0; step < steps; step++)
          expect(counts.get(`${runId} c${step}`) ?? 0).toBeGreaterThanOrEqual(1);
      for (const key of finishedAtKill) expect(counts.get(key), key).toBe(1);
      // At most the calls in flight on the killed worker (one per job it held) may have run twice.
      const repeated = [...counts.values()].filter((n) => n > 1).length;
      expect(repeated).toBeLessThanOrEqual(heldByVictim.size);
      // The other workers picked the victim's jobs up.
      const survivors = workers.slice(1).flatMap((w) => w.events);
      for (const jobId of heldByVictim)
        expect(survivors.some((e) => e.type === 'job-end' && e.jobId === jobId)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => stop(w.child)));
      await queue.close();
      await store.close();
    }
  });
});
