// Gateway state in Redis: every replica and worker shares one set of limits, spend counters and
// one response cache. With `lease` (the configured default) limits are leased a few units at a time
// (leased-limits.ts: a round trip per lease, not per request); without, each admission is one round
// trip (a Lua script) and each release another.
import { Redis } from 'ioredis';
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits } from '../../store/index.js';
import {
  type Admission,
  type GatewayState,
  type LimitName,
  msUntilNextUtcDay,
  utcDay,
} from './gateway-state.js';
import { leaseScript } from './lease-script.js';
import { createLeases, type LeaseOptions } from './leased-limits.js';
import { admitScript, releaseScript } from './redis-scripts.js';

export interface RedisStateOptions {
  url: string;
  prefix?: string;
  /** Lease limits to this replica a few units at a time (leased-limits.ts); false: a call per request. */
  lease?: LeaseOptions | false;
}

type ScriptedRedis = Redis & {
  gantryAdmit(...args: (string | number)[]): Promise<[number, string, number]>;
  gantryRelease(...args: (string | number)[]): Promise<number>;
  gantryLease(
    ...args: (string | number)[]
  ): Promise<[number, number, number, string, string, number, number]>;
};

export async function createRedisState({
  url,
  prefix = 'gantry:gw:',
  lease = false,
}: RedisStateOptions): Promise<GatewayState> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  }) as ScriptedRedis;
  redis.on('error', () => {}); // reported per call; keeps a Redis restart from crashing the process
  redis.defineCommand('gantryAdmit', { numberOfKeys: 5, lua: admitScript });
  redis.defineCommand('gantryRelease', { numberOfKeys: 4, lua: releaseScript });
  redis.defineCommand('gantryLease', { numberOfKeys: 6, lua: leaseScript });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw unavailable(url, error);
  }
  const k = (keyId: string, suffix: string) => `${prefix}k:{${keyId}}:${suffix}`;
  const limitArg = (value: number | undefined) => (value === undefined ? -1 : value);

  const base: GatewayState = {
    kind: 'redis',
    async admit(keyId: string, limits: GatewayKeyLimits, now: number): Promise<Admission> {
      try {
        const [ok, limit, retryAfterMs] = await redis.gantryAdmit(
          k(keyId, 'rq'),
          k(keyId, 'tk'),
          k(keyId, 'cc'),
          k(keyId, 'total'),
          k(keyId, `day:${utcDay(now)}`),
          now,
          limitArg(limits.requestsPerMinute),
          limitArg(limits.tokensPerMinute),
          limitArg(limits.concurrentRequests),
          limitArg(limits.dailyBudgetUsd),
          limitArg(limits.totalBudgetUsd),
          msUntilNextUtcDay(now),
        );
        return ok === 1
          ? { ok: true }
          : { ok: false, limit: limit as LimitName, retryAfterMs: Number(retryAfterMs) };
      } catch (error) {
        throw unavailable(url, error);
      }
    },
    async release(keyId, limits, charge, now) {
      try {
        await redis.gantryRelease(
          k(keyId, 'tk'),
          k(keyId, 'cc'),
          k(keyId, 'total'),
          k(keyId, `day:${utcDay(now)}`),
          now,
          limitArg(limits.tokensPerMinute),
          limits.concurrentRequests === undefined ? '0' : '1',
          charge.tokens,
          charge.costUsd.toFixed(10),
        );
      } catch (error) {
        throw unavailable(url, error);
      }
    },
    async seedSpend(keyId, totalUsd, todayUsd, now) {
      await redis
        .multi()
        .set(k(keyId, 'total'), String(totalUsd), 'NX')
        .set(k(keyId, `day:${utcDay(now)}`), String(todayUsd), 'PX', 172_800_000, 'NX')
        .exec();
    },
    async spend(keyId, now) {
      const [total, today] = await redis.mget(k(keyId, 'total'), k(keyId, `day:${utcDay(now)}`));
      return { totalUsd: Number(total ?? 0), todayUsd: Number(today ?? 0) };
    },
    async cacheGet(key) {
      try {
        return (await redis.get(`${prefix}c:${key}`)) ?? undefined;
      } catch {
        return undefined; // a cache that cannot answer is a miss, never a failed request
      }
    },
    async cacheSet(key, value, ttlMs) {
      await redis.set(`${prefix}c:${key}`, value, 'PX', ttlMs).catch(() => {});
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  if (!lease) return base;

  const leases = createLeases(
    (keyId, day, args) =>
      redis
        .gantryLease(
          k(keyId, 'rq'),
          k(keyId, 'tk'),
          k(keyId, 'cch'),
          k(keyId, 'ccx'),
          k(keyId, 'total'),
          k(keyId, `day:${day}`),
          ...args,
        )
        .catch((error) => {
          throw unavailable(url, error);
        }),
    lease,
  );
  return {
    ...base,
    admit: (keyId, limits, now) => leases.admit(keyId, limits, now),
    tryAdmitNow: (keyId, limits, now) => leases.tryAdmitNow(keyId, limits, now),
    releaseNow: (keyId, limits, charge, now) => leases.releaseNow(keyId, limits, charge, now),
    async release(keyId, limits, charge, now) {
      leases.releaseNow(keyId, limits, charge, now);
    },
    async spend(keyId, now) {
      await leases.flushKey(keyId);
      return base.spend(keyId, now);
    },
    get leaseCalls() {
      return leases.calls;
    },
    async close() {
      await leases.close();
      await base.close();
    },
  };
}

function unavailable(url: string, error: unknown): GantryError {
  return new GantryError(
    'GATEWAY_STATE_UNAVAILABLE',
    `Redis at ${url.replace(/\/\/[^@]*@/, '//***@')} did not answer: ${(error as Error).message}`,
    {
      hint: 'Check that Redis is running and gateway.state.url is right, or set gateway.state.kind to "memory".',
      cause: error,
    },
  );
}
