// The queue in one process on a real redis-server: retries with exponential backoff, cancellation of
// a waiting and of a running job, progress, clear errors; team runs and eval examples as jobs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import {
  configuredHandlers,
  createJobQueue,
  type JobHandlers,
  type JobQueue,
  requireJobsConfig,
  startJobWorker,
} from '../src/jobs/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let redis: RedisServer;
let folder: string;
let queueNumber = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  folder = mkdtempSync(join(tmpdir(), 'gantry-jobs-queue-'));
});

afterAll(async () => {
  await redis?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function withQueue(
  handlers: JobHandlers,
  body: (queue: JobQueue) => Promise<void>,
  options: { attempts?: number; backoffMs?: number } = {},
) {
  const name = `q${++queueNumber}`;
  const queue = await createJobQueue({
    redisUrl: redis.url,
    queue: name,
    attempts: 3,
    backoffMs: 100,
    ...options,
  });
  const worker = await startJobWorker({
    redisUrl: redis.url,
    queue: name,
    concurrency: 2,
    lockMs: 2000,
    handlers,
  });
  try {
    await body(queue);
  } finally {
    await worker.close();
    await queue.close();
  }
}

describe('job queue', () => {
  it('retries a failing job with exponential backoff, then succeeds', { timeout: 30_000 }, async () => {
    const deliveries: number[] = [];
    await withQueue(
      {
        'agent-run': async (_data, context) => {
          deliveries.push(Date.now());
          if (context.attempt < 3) throw new Error(`transient failure ${context.attempt}`);
          return { ok: context.attempt };
        },
      },
      async (queue) => {
        const id = await queue.enqueue('agent-run', { runId: 'run_retry', task: 't' });
        const status = await queue.wait(id, { timeoutMs: 20_000 });
        expect(status).toMatchObject({ state: 'completed', result: { ok: 3 }, attempts: 3 });
        // Backoff 100 ms, then 200 ms (doubled).
        expect(deliveries[1] - deliveries[0]).toBeGreaterThanOrEqual(90);
        expect(deliveries[2] - deliveries[1]).toBeGreaterThanOrEqual(190);
      },
    );
  });

  it('fails for good after its attempts, and at once on bad configuration', { timeout: 30_000 }, async () => {
    const { GantryError } = await import('../src/errors/index.js');
    let badCalls = 0;
    await withQueue(
      {
        'agent-run': async (data) => {
          if (data.task === 'bad') {
            badCalls++;
            throw new GantryError('USAGE_INVALID', 'No model was given for the agent.');
          }
          throw new Error('always down');
        },
      },
      async (queue) => {
        const down = await queue.wait(await queue.enqueue('agent-run', { runId: 'run_down', task: 't' }), {
          timeoutMs: 20_000,
        });
        expect(down).toMatchObject({ state: 'failed', attempts: 2, error: 'always down' });
        const bad = await queue.wait(await queue.enqueue('agent-run', { runId: 'run_bad', task: 'bad' }), {
          timeoutMs: 20_000,
        });
        expect(bad).toMatchObject({ state: 'failed', attempts: 1 });
        expect(badCalls).toBe(1);
      },
      { attempts: 2, backoffMs: 50 },
    );
  });

  it('cancels a running job (its handler is aborted, no retry) and a waiting one', {
    timeout: 30_000,
  }, async () => {
    let started = 0;
    let aborted = 0;
    await withQueue(
      {
        'agent-run': (_data, context) =>
          new Promise((_, reject) => {
            started++;
            void context.progress({ events: 1, steps: 1, last: 'step-end' });
            context.signal.addEventListener('abort', () => {
              aborted++;
              reject(new Error('aborted'));
            });
          }),
      },
      async (queue) => {
        const running = await queue.enqueue('agent-run', { runId: 'run_long', task: 't' });
        const second = await queue.enqueue('agent-run', { runId: 'run_long_2', task: 't' });
        const waiting = await queue.enqueue('agent-run', { runId: 'run_waiting', task: 't' });
        for (let i = 0; i < 100 && started < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(started).toBe(2);
        const active = await queue.status(running);
        expect(active.state).toBe('active');
        expect(active.progress).toMatchObject({ steps: 1, last: 'step-end' });
        expect((await queue.cancel(waiting)).state).toBe('cancelled');
        await queue.cancel(running);
        const cancelled = await queue.wait(running, { timeoutMs: 10_000 });
        expect(cancelled.state).toBe('cancelled');
        expect(cancelled.attempts).toBe(1);
        expect(aborted).toBe(1);
        await queue.cancel(second);
        expect((await queue.wait(second, { timeoutMs: 10_000 })).state).toBe('cancelled');
        // The waiting job never ran.
        expect(started).toBe(2);
      },
    );
  });

  it('explains bad job data, an unknown job, a missing configuration and an unreachable Redis', async () => {
    const queue = await createJobQueue({ redisUrl: redis.url, queue: `q${++queueNumber}` });
    try {
      await expect(queue.enqueue('agent-run', { runId: 'x' } as never)).rejects.toMatchObject({
        code: 'JOBS_JOB_INVALID',
        message: expect.stringContaining('task'),
      });
      await expect(queue.enqueue('nope' as never, {} as never)).rejects.toMatchObject({
        code: 'JOBS_JOB_INVALID',
      });
      await expect(queue.status('no-such-job')).rejects.toMatchObject({ code: 'JOBS_JOB_NOT_FOUND' });
    } finally {
      await queue.close();
    }
    expect(() => requireJobsConfig(parseConfig({}))).toThrow(
      expect.objectContaining({ code: 'JOBS_NOT_CONFIGURED' }),
    );
    const { freePort } = await import('./redis-server.js');
    await expect(
      createJobQueue({ redisUrl: `redis://127.0.0.1:${await freePort()}`, queue: 'x' }),
    ).rejects.toMatchObject({ code: 'JOBS_REDIS_UNREACHABLE' });
  });

  it('runs a team and an eval (one job per example, then the summary) from the configured handlers', {
    timeout: 60_000,
  }, async () => {
    const store = openSqliteStore({ path: join(folder, 'configured.db') });
    const config = parseConfig({});
    const configured = configuredHandlers({ config, store });
    try {
      await withQueue(configured.handlers, async (queue) => {
        const definition = [
          'name: pair',
          'pattern: { type: handoff, entry: first }',
          'members:',
          '  - name: first',
          '    model: { scripted: [{ text: "The answer is 42." }] }',
        ].join('\n');
        const teamJob = await queue.enqueue('team-run', {
          teamRunId: 'team_job_1',
          task: 'Answer.',
          definition,
        });
        const team = await queue.wait(teamJob, { timeoutMs: 30_000 });
        expect(team).toMatchObject({
          state: 'completed',
          result: { teamRunId: 'team_job_1', text: 'The answer is 42.' },
        });
        expect((await store.agentRuns.getRun('team_job_1'))?.status).toBe('completed');

        const file = join(folder, 'echo.eval.yaml');
        writeFileSync(
          file,
          [
            'name: echo',
            'target: { kind: shell, command: cat }',
            'examples:',
            '  - { id: a, input: alpha, expected: alpha }',
            '  - { id: b, input: beta, expected: beta }',
            '  - { id: c, input: gamma, expected: delta }',
            'scorers: [exact]',
          ].join('\n'),
        );
        const finish = await queue.enqueueEval(file, 'eval_run_1', ['a', 'b', 'c']);
        const done = await queue.wait(finish, { timeoutMs: 30_000 });
        expect(done).toMatchObject({ state: 'completed', result: { results: 3 } });
        const run = await store.evalRuns.getRun<{ scorers: Record<string, { mean: number }> }>('eval_run_1');
        expect(run?.status).toBe('completed');
        expect(run?.summary?.scorers.exact.mean).toBeCloseTo(2 / 3);
      });
    } finally {
      await configured.close();
      await store.close();
    }
  });
});
