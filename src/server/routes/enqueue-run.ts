// POST /api/runs with `queue: true`: the run goes on the job queue for `gantry worker` processes
// instead of running in this server. The queue module (BullMQ) is loaded on first use only.
import type { GantryConfig } from '../../config/index.js';
import type { AgentRunJob, JobQueue } from '../../jobs/index.js';

export interface LazyJobQueue {
  /** Puts an agent run on the queue (JOBS_NOT_CONFIGURED without jobs.redisUrl); the 202 body. */
  enqueueRun(job: Omit<AgentRunJob, 'tools'> & { tools?: string[] }): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export function lazyJobQueue(config: GantryConfig): LazyJobQueue {
  let opened: Promise<JobQueue> | undefined;
  async function open(): Promise<JobQueue> {
    const { createJobQueue, requireJobsConfig } = await import('../../jobs/index.js');
    const jobs = requireJobsConfig(config);
    return createJobQueue({
      redisUrl: jobs.redisUrl,
      queue: jobs.queue,
      attempts: jobs.attempts,
      backoffMs: jobs.backoffMs,
      keepCompleted: jobs.keepCompleted,
      keepFailed: jobs.keepFailed,
    });
  }
  return {
    async enqueueRun(job) {
      // A failed connection is tried again on the next request, not remembered.
      opened ??= open().catch((error) => {
        opened = undefined;
        throw error;
      });
      const data = Object.fromEntries(
        Object.entries(job).filter(([, value]) => value !== undefined),
      ) as AgentRunJob;
      const jobId = await (await opened).enqueue('agent-run', data);
      return { runId: job.runId, jobId, status: 'queued', links: { run: `/api/runs/${job.runId}` } };
    },
    async close() {
      const queue = await opened?.catch(() => undefined);
      await queue?.close();
    },
  };
}
