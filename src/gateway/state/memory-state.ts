// The in-process state: token buckets, counters and an LRU cache in Maps. Exact for one process;
// with several workers or replicas each would count alone, which is what the Redis state is for.
import type { GatewayKeyLimits } from '../../store/index.js';
import {
  type Admission,
  type GatewayState,
  msUntilNextUtcDay,
  type UsageCharge,
  utcDay,
} from './gateway-state.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface KeyCounters {
  requests: Bucket;
  tokens: Bucket;
  concurrent: number;
  day: string;
  todayUsd: number;
  totalUsd: number;
  seeded: boolean;
}

export interface MemoryStateOptions {
  cacheMaxEntries?: number;
}

export function createMemoryState({ cacheMaxEntries = 10_000 }: MemoryStateOptions = {}): GatewayState {
  const keys = new Map<string, KeyCounters>();
  const cache = new Map<string, { value: string; expiresAt: number }>();

  function countersFor(keyId: string, now: number): KeyCounters {
    let counters = keys.get(keyId);
    if (!counters) {
      // Buckets start full whatever limits the first caller passed: seedSpend and spend() create
      // counters with no limits, which used to leave a key with rpm/tpm and a budget an empty bucket
      // (its first requests were refused). refill() caps a full bucket at the key's rate.
      counters = {
        requests: { tokens: Number.POSITIVE_INFINITY, updatedAt: now },
        tokens: { tokens: Number.POSITIVE_INFINITY, updatedAt: now },
        concurrent: 0,
        day: utcDay(now),
        todayUsd: 0,
        totalUsd: 0,
        seeded: false,
      };
      keys.set(keyId, counters);
    }
    const day = utcDay(now);
    if (counters.day !== day) {
      counters.day = day;
      counters.todayUsd = 0;
    }
    return counters;
  }

  function releaseSync(keyId: string, limits: GatewayKeyLimits, charge: UsageCharge, now: number): void {
    const c = countersFor(keyId, now);
    if (limits.concurrentRequests !== undefined) c.concurrent = Math.max(0, c.concurrent - 1);
    if (limits.tokensPerMinute !== undefined) {
      refill(c.tokens, limits.tokensPerMinute, now);
      c.tokens.tokens -= charge.tokens;
    }
    c.todayUsd += charge.costUsd;
    c.totalUsd += charge.costUsd;
  }

  return {
    kind: 'memory',
    async admit(keyId, limits, now) {
      return admitSync(countersFor(keyId, now), limits, now);
    },
    admitNow(keyId, limits, now) {
      return admitSync(countersFor(keyId, now), limits, now);
    },
    async release(keyId, limits, charge, now) {
      releaseSync(keyId, limits, charge, now);
    },
    releaseNow(keyId, limits, charge, now) {
      releaseSync(keyId, limits, charge, now);
    },
    async seedSpend(keyId, totalUsd, todayUsd, now) {
      const c = countersFor(keyId, now);
      if (c.seeded) return;
      c.seeded = true;
      c.totalUsd += totalUsd;
      c.todayUsd += todayUsd;
    },
    async spend(keyId, now) {
      const c = countersFor(keyId, now);
      return { todayUsd: c.todayUsd, totalUsd: c.totalUsd };
    },
    async cacheGet(key) {
      const entry = cache.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        cache.delete(key);
        return undefined;
      }
      // Re-insert so that Map order is least-recently-used first.
      cache.delete(key);
      cache.set(key, entry);
      return entry.value;
    },
    async cacheSet(key, value, ttlMs) {
      cache.delete(key);
      cache.set(key, { value, expiresAt: Date.now() + ttlMs });
      while (cache.size > cacheMaxEntries) cache.delete(cache.keys().next().value as string);
    },
    async close() {
      keys.clear();
      cache.clear();
    },
  };
}

function admitSync(c: KeyCounters, limits: GatewayKeyLimits, now: number): Admission {
  const {
    requestsPerMinute: rpm,
    tokensPerMinute: tpm,
    concurrentRequests,
    dailyBudgetUsd,
    totalBudgetUsd,
  } = limits;
  if (totalBudgetUsd !== undefined && c.totalUsd >= totalBudgetUsd) {
    return { ok: false, limit: 'total-budget', retryAfterMs: msUntilNextUtcDay(now) };
  }
  if (dailyBudgetUsd !== undefined && c.todayUsd >= dailyBudgetUsd) {
    return { ok: false, limit: 'daily-budget', retryAfterMs: msUntilNextUtcDay(now) };
  }
  if (concurrentRequests !== undefined && c.concurrent >= concurrentRequests) {
    return { ok: false, limit: 'concurrency', retryAfterMs: 1_000 };
  }
  if (rpm !== undefined) {
    refill(c.requests, rpm, now);
    if (c.requests.tokens < 1)
      return { ok: false, limit: 'requests', retryAfterMs: ((1 - c.requests.tokens) * 60_000) / rpm };
  }
  if (tpm !== undefined) {
    refill(c.tokens, tpm, now);
    if (c.tokens.tokens < 1)
      return { ok: false, limit: 'tokens', retryAfterMs: ((1 - c.tokens.tokens) * 60_000) / tpm };
  }
  if (rpm !== undefined) c.requests.tokens -= 1;
  if (concurrentRequests !== undefined) c.concurrent++;
  return { ok: true };
}

/** Token bucket refill: `perMinute` tokens a minute, never above one minute's worth. */
function refill(bucket: Bucket, perMinute: number, now: number): void {
  const elapsed = now - bucket.updatedAt;
  if (elapsed > 0) {
    bucket.tokens += (elapsed * perMinute) / 60_000;
    bucket.updatedAt = now;
  }
  if (bucket.tokens > perMinute) bucket.tokens = perMinute;
}
