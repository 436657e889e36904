import type { ErrorDefinition } from './error-definition.js';

export const jobsErrors = {
  JOBS_NOT_CONFIGURED: {
    description:
      'A queued run (`--queue`, `queue: true`) or `gantry worker` was asked for, but `jobs.redisUrl` is not set.',
    httpStatus: 501,
    exitCode: 2,
  },
  JOBS_REDIS_UNREACHABLE: {
    description:
      'The Redis server named by `jobs.redisUrl` could not be reached (the message carries the reason).',
    httpStatus: 503,
    exitCode: 1,
  },
  JOBS_JOB_INVALID: {
    description:
      'A job was enqueued with an unknown kind or data of the wrong shape (no task for an agent run, no file for an eval).',
    httpStatus: 400,
    exitCode: 2,
  },
  JOBS_JOB_NOT_FOUND: {
    description:
      'No job with this id is in the queue (never enqueued, or removed after `jobs.keepCompleted`).',
    httpStatus: 404,
    exitCode: 1,
  },
  JOBS_JOB_CANCELLED: {
    description: 'The job was cancelled (`gantry jobs cancel`) before or while it ran; it is not retried.',
    httpStatus: 409,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
