// What a worker runs for each kind of job: a handler gets the job's checked data and a context
// (delivery number, cancellation signal, progress reporting) and returns the job's result.
import type { JobData, JobKind } from './job-kinds.js';

export interface JobProgress {
  /** Events seen (agent and team events, eval results). */
  events: number;
  /** Finished steps (agent), turns (team), examples (eval), lines (batch). */
  steps: number;
  total?: number;
  /** The latest event's type, for a status line. */
  last?: string;
}

export interface JobContext {
  jobId: string;
  kind: JobKind;
  /** 1 on the first delivery; more when the job is retried or redelivered after a worker died. */
  attempt: number;
  /** Aborts when the job is cancelled or the worker is stopped hard. */
  signal: AbortSignal;
  /** Stored on the job in Redis (`gantry jobs status`); throttled by the caller, not here. */
  progress(progress: JobProgress): Promise<void>;
}

export type JobHandler<K extends JobKind = JobKind> = (
  data: JobData<K>,
  context: JobContext,
) => Promise<unknown>;

/** The handlers a worker has: a job of a kind it has no handler for fails without retries. */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };
