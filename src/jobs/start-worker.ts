// The consumer side: a BullMQ worker running `concurrency` jobs at once with the given handlers. Its
// lock on each job is renewed while the job runs; when the process dies, the lock expires after
// lockMs and another worker (on any machine) takes the job again: at-least-once delivery, made safe
// by the handlers (an agent run resumes from its checkpoint). close() drains: no new jobs are taken
// and those in flight finish.
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { GantryError } from '../errors/index.js';
import { cancelChannel, isCancelled } from './cancellation.js';
import type { JobContext, JobHandler, JobHandlers } from './job-handler.js';
import { type JobKind, parseJobData } from './job-kinds.js';
import { cancelledError } from './job-queue.js';
import { openRedisConnection } from './redis-connection.js';

export type WorkerEvent =
  | { type: 'job-start'; jobId: string; kind: string; attempt: number }
  | { type: 'job-progress'; jobId: string; steps: number; events: number }
  | { type: 'job-end'; jobId: string; kind: string; ms: number }
  | { type: 'job-error'; jobId: string; kind: string; message: string; final: boolean };

export interface JobWorkerOptions {
  redisUrl: string;
  queue?: string;
  concurrency?: number;
  /** How long a lock lasts without renewal; a dead worker's jobs are redelivered after about this. */
  lockMs?: number;
  handlers: JobHandlers;
  prefix?: string;
  onEvent?: (event: WorkerEvent) => void;
}

export interface JobWorker {
  /** Jobs running now. */
  running(): number;
  /** Stops taking jobs and waits for those in flight to finish (SIGTERM). */
  close(): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { handlers, concurrency = 4, lockMs = 30_000, prefix = 'bull', onEvent = () => {} } = options;
  const name = options.queue ?? 'gantry';
  const redis = await openRedisConnection(options.redisUrl);
  const subscriber = await openRedisConnection(options.redisUrl);
  let running = 0;

  async function process(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
    const jobId = job.id as string;
    const attempt = job.attemptsMade + 1;
    if (await isCancelled(redis, prefix, name, jobId))
      throw new UnrecoverableError(cancelledError(jobId).message);
    const handler = handlers[job.name as JobKind] as JobHandler | undefined;
    if (!handler) {
      throw new UnrecoverableError(
        `This worker has no handler for '${job.name}' jobs (it handles ${Object.keys(handlers).join(', ')}).`,
      );
    }
    const started = performance.now();
    const abort = signal ?? new AbortController().signal;
    const context: JobContext = {
      jobId,
      kind: job.name as JobKind,
      attempt,
      signal: abort,
      async progress(progress) {
        await job.updateProgress(progress as unknown as object);
        onEvent({ type: 'job-progress', jobId, steps: progress.steps, events: progress.events });
      },
    };
    running++;
    onEvent({ type: 'job-start', jobId, kind: job.name, attempt });
    try {
      const data = parseJobData(job.name, job.data);
      const result = await handler(data, context);
      if (abort.aborted && (await isCancelled(redis, prefix, name, jobId)))
        throw new UnrecoverableError(cancelledError(jobId).message);
      onEvent({ type: 'job-end', jobId, kind: job.name, ms: performance.now() - started });
      return result;
    } catch (error) {
      const final = isFinal(error) || (abort.aborted && (await isCancelled(redis, prefix, name, jobId)));
      const message = (error as Error).message ?? String(error);
      onEvent({ type: 'job-error', jobId, kind: job.name, message, final });
      if (final && !(error instanceof UnrecoverableError)) throw new UnrecoverableError(message);
      throw error;
    } finally {
      running--;
    }
  }

  const worker = new Worker(name, process, {
    connection: redis,
    prefix,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
    // A job whose worker died is redelivered (resumed) this many times before it fails for good.
    maxStalledCount: 3,
    autorun: false,
  });
  worker.on('error', () => {});
  await subscriber.subscribe(cancelChannel(prefix, name));
  subscriber.on('message', (_channel, jobId: string) => {
    worker.cancelJob(jobId, 'cancelled');
  });
  void worker.run();
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  return {
    running: () => running,
    close() {
      closing ??= (async () => {
        await worker.close();
        await subscriber.quit().catch(() => subscriber.disconnect());
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}

/** Errors a retry cannot fix: bad job data or configuration (exit code 2), a cancellation. */
function isFinal(error: unknown): boolean {
  if (error instanceof UnrecoverableError) return true;
  return GantryError.isInstance(error) && (error.exitCode === 2 || error.code === 'JOBS_JOB_CANCELLED');
}
