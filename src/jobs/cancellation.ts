// Cancellation across machines: a cancelled job's id is kept in Redis (so a worker that takes it
// later, or takes it again after a crash, skips it) and published to every worker of the queue
// (so the one running it aborts it now).
import type { Redis } from 'ioredis';

const keepSeconds = 7 * 24 * 3600;

export const cancelChannel = (prefix: string, queue: string) => `${prefix}:${queue}:gantry-cancel`;
const cancelKey = (prefix: string, queue: string, jobId: string) =>
  `${prefix}:${queue}:gantry-cancelled:${jobId}`;

export async function markCancelled(redis: Redis, prefix: string, queue: string, jobId: string) {
  await redis.set(cancelKey(prefix, queue, jobId), String(Date.now()), 'EX', keepSeconds);
  await redis.publish(cancelChannel(prefix, queue), jobId);
}

export async function isCancelled(redis: Redis, prefix: string, queue: string, jobId: string) {
  return (await redis.exists(cancelKey(prefix, queue, jobId))) === 1;
}
