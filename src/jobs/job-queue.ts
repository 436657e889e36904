// The producer side: enqueue jobs (with retries and exponential backoff), read their status and
// progress, cancel them. Any process with the Redis URL can do this; workers run the jobs.
import { FlowProducer, type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { GantryError } from '../errors/index.js';
import { isCancelled, markCancelled } from './cancellation.js';
import type { JobProgress } from './job-handler.js';
import { type JobData, type JobKind, parseJobData } from './job-kinds.js';
import { openRedisConnection } from './redis-connection.js';

export interface JobQueueOptions {
  redisUrl: string;
  /** Default 'gantry'. */
  queue?: string;
  /** Deliveries before a job fails for good. Default 3. */
  attempts?: number;
  /** First retry delay; doubled each retry. Default 1000 ms. */
  backoffMs?: number;
  keepCompleted?: number;
  keepFailed?: number;
  /** Redis key prefix (BullMQ's default 'bull'). */
  prefix?: string;
}

export type JobState =
  | 'waiting'
  | 'active'
  | 'delayed'
  | 'prioritized'
  | 'waiting-children'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'unknown';

export interface JobStatus {
  id: string;
  kind: JobKind;
  state: JobState;
  /** Deliveries started so far. */
  attempts: number;
  progress: JobProgress | undefined;
  result?: unknown;
  error?: string;
  data: unknown;
}

export interface JobQueue {
  readonly name: string;
  /** Adds a job; a job with the same id already queued is not added twice. Returns the job id. */
  enqueue<K extends JobKind>(kind: K, data: JobData<K>, options?: { jobId?: string }): Promise<string>;
  /** An eval run: one job per example and a final job (run after all of them) writing the summary. */
  enqueueEval(file: string, runId: string, exampleIds: readonly string[]): Promise<string>;
  status(jobId: string): Promise<JobStatus>;
  /** Polls until the job completes, fails or is cancelled, or the time is up (then its current status). */
  wait(jobId: string, options?: { timeoutMs?: number; pollMs?: number }): Promise<JobStatus>;
  /** Removes a waiting job; a running one is aborted by its worker. Neither is retried. */
  cancel(jobId: string): Promise<JobStatus>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** BullMQ refuses ':' in custom ids (its key separator); ids derived from names may hold one. */
export const safeJobId = (id: string) => id.replaceAll(':', '_');

export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const {
    attempts = 3,
    backoffMs = 1000,
    keepCompleted = 1000,
    keepFailed = 5000,
    prefix = 'bull',
  } = options;
  const name = options.queue ?? 'gantry';
  const redis = await openRedisConnection(options.redisUrl);
  const queue = new Queue(name, { connection: redis, prefix });
  let flows: FlowProducer | undefined;
  const jobOptions = {
    attempts,
    backoff: { type: 'exponential' as const, delay: backoffMs },
    removeOnComplete: { count: keepCompleted },
    removeOnFail: { count: keepFailed },
  };

  async function find(jobId: string): Promise<Job> {
    const job = await queue.getJob(jobId);
    if (!job) {
      if (await isCancelled(redis, prefix, name, jobId)) throw cancelledError(jobId);
      throw new GantryError('JOBS_JOB_NOT_FOUND', `There is no job ${jobId} in queue '${name}'.`, {
        hint: 'Check the id (`gantry jobs list`); finished jobs are dropped after jobs.keepCompleted newer ones.',
        details: { jobId, queue: name },
      });
    }
    return job;
  }

  async function status(jobId: string): Promise<JobStatus> {
    let job: Job;
    try {
      job = await find(jobId);
    } catch (error) {
      if (GantryError.isInstance(error) && error.code === 'JOBS_JOB_CANCELLED')
        return {
          id: jobId,
          kind: 'agent-run',
          state: 'cancelled',
          attempts: 0,
          progress: undefined,
          data: null,
        };
      throw error;
    }
    const raw = await job.getState();
    // The job may have finished between reading it and reading its state: read it again for the result.
    if (raw === 'completed' || raw === 'failed') job = (await queue.getJob(jobId)) ?? job;
    const cancelled = raw === 'failed' && (await isCancelled(redis, prefix, name, jobId));
    const state: JobState = cancelled ? 'cancelled' : (raw as JobState);
    const progress = typeof job.progress === 'object' ? (job.progress as unknown as JobProgress) : undefined;
    return {
      id: jobId,
      kind: job.name as JobKind,
      state,
      attempts: job.attemptsStarted ?? job.attemptsMade,
      progress,
      ...(state === 'completed' ? { result: job.returnvalue } : {}),
      ...(job.failedReason ? { error: job.failedReason } : {}),
      data: job.data,
    };
  }

  return {
    name,
    async enqueue(kind, data, { jobId } = {}) {
      const checked = parseJobData(kind, data);
      const id = safeJobId(jobId ?? defaultJobId(kind, checked));
      const job = await queue.add(kind, checked, { ...jobOptions, jobId: id });
      return job.id ?? id;
    },
    async enqueueEval(file, runId, exampleIds) {
      flows ??= new FlowProducer({ connection: redis, prefix });
      const parentId = safeJobId(`eval.${runId}`);
      await flows.add({
        name: 'eval-finish',
        queueName: name,
        data: parseJobData('eval-finish', { file, runId }),
        opts: { ...jobOptions, jobId: parentId },
        children: exampleIds.map((exampleId) => ({
          name: 'eval-example',
          queueName: name,
          data: parseJobData('eval-example', { file, runId, exampleId }),
          // A failed example fails the run's final job only when it exhausts its attempts.
          opts: { ...jobOptions, jobId: safeJobId(`eval.${runId}.${exampleId}`), failParentOnFailure: true },
        })),
      });
      return parentId;
    },
    status,
    async wait(jobId, { timeoutMs = 60_000, pollMs = 200 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await status(jobId);
        if (['completed', 'failed', 'cancelled'].includes(current.state) || Date.now() >= deadline)
          return current;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    async cancel(jobId) {
      const job = await find(jobId);
      await markCancelled(redis, prefix, name, jobId);
      const state = await job.getState();
      if (
        state === 'waiting' ||
        state === 'delayed' ||
        state === 'prioritized' ||
        state === 'waiting-children'
      ) {
        await job.remove().catch(() => {});
      }
      return status(jobId);
    },
    async counts() {
      return queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'waiting-children');
    },
    async close() {
      await flows?.close();
      await queue.close();
      await closeQuietly(redis);
    },
  };
}

export function cancelledError(jobId: string): GantryError {
  return new GantryError('JOBS_JOB_CANCELLED', `Job ${jobId} was cancelled.`, {
    hint: 'Enqueue it again to run it (an agent run resumes from its checkpoint).',
    details: { jobId },
  });
}

function defaultJobId(kind: JobKind, data: JobData): string {
  switch (kind) {
    case 'agent-run':
      return (data as JobData<'agent-run'>).runId;
    case 'team-run':
      return (data as JobData<'team-run'>).teamRunId;
    case 'eval-example': {
      const example = data as JobData<'eval-example'>;
      return `eval.${example.runId}.${example.exampleId}`;
    }
    case 'eval-finish':
      return `eval.${(data as JobData<'eval-finish'>).runId}`;
    case 'gateway-batch':
      return `batch.${(data as JobData<'gateway-batch'>).batchId}`;
  }
}

async function closeQuietly(redis: Redis) {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
