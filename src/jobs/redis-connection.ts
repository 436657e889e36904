// An ioredis connection for BullMQ (which needs maxRetriesPerRequest: null on blocking connections),
// checked with a PING so that a wrong URL fails at once with a clear error instead of retrying forever.
import { Redis } from 'ioredis';
import { GantryError } from '../errors/index.js';

export async function openRedisConnection(url: string, { timeoutMs = 5000 } = {}): Promise<Redis> {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectTimeout: timeoutMs,
    lazyConnect: true,
  });
  let lastError: unknown;
  redis.on('error', (error) => {
    lastError = error;
  });
  try {
    await withDeadline(
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      timeoutMs,
    );
  } catch (error) {
    redis.disconnect();
    const reason = ((lastError ?? error) as Error).message;
    throw new GantryError('JOBS_REDIS_UNREACHABLE', `Could not reach Redis at ${redact(url)}: ${reason}.`, {
      hint: 'Check jobs.redisUrl (GANTRY_JOBS__REDIS_URL) and that redis-server is running and reachable from this machine.',
      cause: error,
    });
  }
  return redis;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
