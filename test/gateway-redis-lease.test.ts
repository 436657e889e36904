// Leased limits on a real Redis: replicas that lease a few units at a time still never admit more
// than a limit allows, give back what they did not use, and a replica that dies holding a lease
// loses only what the lease held (concurrency slots come back when its lease expires).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeases, createRedisState, type LeaseCall, leaseScript } from '../src/gateway/index.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

/** A replica's lease calls, which can be cut off to play a replica that died. */
function replica(prefix: string) {
  let alive = true;
  const call: LeaseCall = async (keyId, day, args) => {
    if (!alive) throw new Error('dead');
    const k = (s: string) => `${prefix}k:{${keyId}}:${s}`;
    return (await redis.eval(
      leaseScript,
      6,
      k('rq'),
      k('tk'),
      k('cch'),
      k('ccx'),
      k('total'),
      k(`day:${day}`),
      ...args,
    )) as [number, number, number, string, string, number, number];
  };
  return {
    call,
    kill: () => {
      alive = false;
    },
  };
}

const admitted = (answers: { ok: boolean }[]) => answers.filter((a) => a.ok).length;

describe('leased Redis limits', () => {
  it('two replicas admit exactly the requests-per-minute limit, leases growing with the load', async () => {
    const prefix = `rpm${Date.now()}:`;
    const a = createLeases(replica(prefix).call);
    const b = createLeases(replica(prefix).call);
    try {
      const limits = { requestsPerMinute: 1_000 };
      const now = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 1_400 }, (_, i) => (i % 2 ? a : b).admit('k', limits, now)),
      );
      // Never over the limit plus what the bucket refilled while the test ran (1,000 a minute).
      const refilled = Math.ceil(((Date.now() - now) * 1_000) / 60_000);
      const passed = admitted(answers);
      expect(passed).toBeGreaterThanOrEqual(1_000 - 16);
      expect(passed).toBeLessThanOrEqual(1_000 + refilled);
      // Far fewer round trips than requests: leases grew past one request each.
      expect(a.calls + b.calls).toBeLessThan(700);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('gives unused requests back, so that another replica can use them', async () => {
    const prefix = `back${Date.now()}:`;
    const a = createLeases(replica(prefix).call, { idleMs: 50, flushMs: 20 });
    const b = createLeases(replica(prefix).call);
    try {
      const limits = { requestsPerMinute: 200 };
      const now = Date.now();
      // A burst on a: its leases grow, and it keeps what it did not use.
      for (let i = 0; i < 40; i++) await a.admit('k', limits, now);
      await new Promise((r) => setTimeout(r, 300)); // idle: a gives its lease back
      const rest = await Promise.all(Array.from({ length: 200 }, () => b.admit('k', limits, Date.now())));
      // 200 - 40 = 160, plus at most the refill of the test's duration.
      expect(admitted(rest)).toBeGreaterThanOrEqual(160);
      expect(admitted(rest)).toBeLessThanOrEqual(165);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a replica that dies holding a lease loses only what it held; its slots come back after the ttl', async () => {
    const prefix = `dead${Date.now()}:`;
    const doomed = replica(prefix);
    const a = createLeases(doomed.call, { ttlMs: 400, flushMs: 50 });
    const b = createLeases(replica(prefix).call, { ttlMs: 400, flushMs: 50 });
    try {
      const limits = { requestsPerMinute: 600, concurrentRequests: 40 };
      const now = Date.now();
      // a takes 10 requests, in flight; its leases hold more than it used.
      const first = await Promise.all(Array.from({ length: 10 }, () => a.admit('k', limits, now)));
      expect(admitted(first)).toBe(10);
      const held = await redis.hgetall(`${prefix}k:{k}:cch`);
      const slotsHeld = Object.values(held).reduce((sum, v) => sum + Number(v), 0);
      expect(slotsHeld).toBeGreaterThanOrEqual(10);
      doomed.kill(); // dies with 10 requests in flight and its leases
      // b gets what is left of the slots: 40 less what the dead replica held.
      const during = await Promise.all(Array.from({ length: 40 }, () => b.admit('k', limits, Date.now())));
      expect(admitted(during)).toBe(40 - slotsHeld);
      expect(during.find((x) => !x.ok)).toMatchObject({ limit: 'concurrency' });
      for (let i = 0; i < admitted(during); i++)
        b.releaseNow('k', limits, { tokens: 0, costUsd: 0 }, Date.now());
      // After the ttl the dead replica's slots are free again: b can use all 40.
      await new Promise((r) => setTimeout(r, 500));
      const after = await Promise.all(Array.from({ length: 41 }, () => b.admit('k', limits, Date.now())));
      expect(admitted(after)).toBe(40);
      // Requests: what the dead replica leased and did not use is lost until the bucket refills
      // (never more than it held); nothing was admitted beyond the limit.
      const bucket = Number(await redis.hget(`${prefix}k:{k}:rq`, 't'));
      expect(10 + admitted(during) + admitted(after) + bucket).toBeLessThanOrEqual(600 + 5);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('charges spend and tokens in batches, and a budget is refused once spent', async () => {
    const prefix = `spend${Date.now()}:`;
    const state = await createRedisState({ url: server.url, prefix, lease: { flushMs: 20 } });
    const other = await createRedisState({ url: server.url, prefix, lease: { flushMs: 20 } });
    try {
      const limits = { dailyBudgetUsd: 1, tokensPerMinute: 10_000 };
      const now = Date.now();
      for (let i = 0; i < 9; i++) {
        expect(await state.admit('k', limits, now)).toEqual({ ok: true });
        state.releaseNow?.('k', limits, { tokens: 100, costUsd: 0.1 }, now);
      }
      // spend() sends what is pending first.
      expect((await state.spend('k', now)).todayUsd).toBeCloseTo(0.9);
      // Within the last 10 % every admission asks Redis: the other replica sees the spend at once.
      expect(await other.admit('k', limits, Date.now())).toEqual({ ok: true });
      other.releaseNow?.('k', limits, { tokens: 100, costUsd: 0.2 }, Date.now());
      await new Promise((r) => setTimeout(r, 150));
      expect(await state.admit('k', limits, Date.now())).toMatchObject({ ok: false, limit: 'daily-budget' });
      expect((await state.spend('k', Date.now())).todayUsd).toBeCloseTo(1.1);
      const tokens = Number(await redis.hget(`${prefix}k:{k}:tk`, 't'));
      // 1,000 tokens charged, whatever was leased and is still held.
      expect(tokens).toBeLessThanOrEqual(10_000 - 1_000 + 1);
    } finally {
      await state.close();
      await other.close();
    }
  });

  it('reports an unreachable Redis on admission as GATEWAY_STATE_UNAVAILABLE', async () => {
    const state = await createRedisState({ url: server.url, prefix: `u${Date.now()}:`, lease: {} });
    await state.close();
    const error = await state.admit('k', { requestsPerMinute: 5 }, Date.now()).catch((e) => e);
    expect(error.code).toBe('GATEWAY_STATE_UNAVAILABLE');
  });
});
