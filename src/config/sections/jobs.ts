// jobs: agent runs, team runs, eval examples and gateway batches as jobs on a Redis queue (BullMQ),
// consumed by `gantry worker` processes on any number of machines sharing Redis and the database.
import { z } from 'zod';

export const jobsSection = z
  .object({
    /** Redis holding the queue (redis://host:port/db); unset: no queue (`--queue` and `gantry worker` refuse). */
    redisUrl: z.string().optional(),
    /** Queue name: workers and producers of one deployment use the same one. */
    queue: z.string().min(1).default('gantry'),
    /** Jobs one worker process runs at once. */
    concurrency: z.number().int().positive().default(4),
    /** Deliveries of a job before it fails for good (the first included). */
    attempts: z.number().int().positive().default(3),
    /** Delay before the first retry in milliseconds; doubled each retry (exponential backoff). */
    backoffMs: z.number().int().nonnegative().default(1000),
    /**
     * How long a worker's lock on a job lasts without renewal: a worker that dies (SIGKILL, lost
     * machine) has its jobs redelivered about this long after.
     */
    lockMs: z.number().int().positive().default(30_000),
    /** Finished jobs kept in Redis for status queries (the results themselves are in the database). */
    keepCompleted: z.number().int().nonnegative().default(1000),
    keepFailed: z.number().int().nonnegative().default(5000),
  })
  .strict()
  .prefault({});

export type JobsConfig = z.infer<typeof jobsSection>;
