// Limits shared through Redis: two gateway processes on one Redis enforce one limit exactly; the
// Redis state also keeps concurrency, spend and the cache.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService, createRedisState, type Simulator } from '../src/gateway/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { startSimulator } from './gateway-harness.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let redis: RedisServer;
let simulator: Simulator;
let folder: string;

beforeAll(async () => {
  redis = await startRedisServer();
  simulator = await startSimulator({ outputTokens: 2 });
  folder = mkdtempSync(join(tmpdir(), 'gantry-redis-'));
});

afterAll(async () => {
  await simulator?.close();
  await redis?.stop();
  rmSync(folder, { recursive: true, force: true });
});

function startProcess(config: unknown, db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fixtures/gateway-process.ts'], {
    env: { ...process.env, GANTRY_TEST_CONFIG: JSON.stringify(config), GANTRY_TEST_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr?.on('data', (d: Buffer) => {
      errors += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`gateway process exited ${code}: ${errors}`)));
    child.stdout?.on('data', (d: Buffer) => {
      const match = /listening (\S+)/.exec(d.toString());
      if (match) resolve({ child, url: match[1] });
    });
  });
}

describe('Redis shared state', () => {
  it('two gateway processes sharing one Redis enforce one requests-per-minute limit', {
    timeout: 60_000,
  }, async () => {
    const db = join(folder, 'shared.db');
    const store = openSqliteStore({ path: db });
    const { key } = await createKeyService(store.gatewayKeys).create({
      name: 'shared',
      limits: { requestsPerMinute: 10 },
    });
    await store.close();
    const config = {
      database: { path: db },
      gateway: {
        upstreams: { sim: { baseURL: simulator.baseURL } },
        routes: { m: { targets: [{ upstream: 'sim' }] } },
        auth: { required: true },
        state: { kind: 'redis', url: redis.url, prefix: `t${Date.now()}:` },
      },
    };
    const [one, two] = await Promise.all([startProcess(config, db), startProcess(config, db)]);
    try {
      const send = (url: string) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
        }).then((r) => r.status);
      // 20 requests, alternating replicas, 4 at a time: exactly 10 pass, as with one replica.
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 4) {
        statuses.push(...(await Promise.all([send(one.url), send(two.url), send(one.url), send(two.url)])));
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    } finally {
      one.child.kill('SIGTERM');
      two.child.kill('SIGTERM');
    }
  });

  it('a gateway process killed with requests in flight holds its leased slots only until its lease expires', {
    timeout: 90_000,
  }, async () => {
    const slow = await startSimulator({ outputTokens: 2, timeToFirstTokenMs: 30_000 });
    // The survivor's answers take 1.5 s, so requests sent together overlap even on a loaded machine.
    const steady = await startSimulator({ outputTokens: 2, timeToFirstTokenMs: 1_500 });
    const db = join(folder, 'killed.db');
    const store = openSqliteStore({ path: db });
    const { key } = await createKeyService(store.gatewayKeys).create({
      name: 'killed',
      limits: { concurrentRequests: 3 },
    });
    await store.close();
    const prefix = `kill${Date.now()}:`;
    const config = (baseURL: string) => ({
      database: { path: db },
      gateway: {
        upstreams: { sim: { baseURL, timeoutMs: 60_000 } },
        routes: { m: { targets: [{ upstream: 'sim' }] } },
        auth: { required: true },
        state: { kind: 'redis', url: redis.url, prefix },
      },
    });
    const [doomed, survivor] = await Promise.all([
      startProcess(config(slow.baseURL), db),
      startProcess(config(steady.baseURL), db),
    ]);
    const send = (url: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      })
        .then((r) => r.status)
        .catch(() => 0);
    try {
      // Two slow requests hold two of the three slots on the doomed process.
      void send(doomed.url);
      void send(doomed.url);
      await new Promise((r) => setTimeout(r, 2_000));
      doomed.child.kill('SIGKILL');
      const killedAt = Date.now();
      // Its slots stay taken until its lease expires (10 s): one slot left, never more.
      expect(await send(survivor.url)).toBe(200);
      const during = await Promise.all([send(survivor.url), send(survivor.url)]);
      expect(during.filter((s) => s === 200)).toHaveLength(1);
      expect(during.filter((s) => s === 429)).toHaveLength(1);
      // After the ttl the slots are back: three at once pass.
      await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 11_000 - Date.now())));
      const after = await Promise.all([send(survivor.url), send(survivor.url), send(survivor.url)]);
      expect(after).toEqual([200, 200, 200]);
    } finally {
      doomed.child.kill('SIGKILL');
      survivor.child.kill('SIGTERM');
      await slow.close();
      await steady.close();
    }
  });

  it('keeps concurrency, spend and cache entries in Redis', async () => {
    const prefix = `s${Date.now()}:`;
    const a = await createRedisState({ url: redis.url, prefix });
    const b = await createRedisState({ url: redis.url, prefix });
    try {
      const limits = { concurrentRequests: 1, dailyBudgetUsd: 1 };
      const now = Date.now();
      expect(await a.admit('k', limits, now)).toEqual({ ok: true });
      expect(await b.admit('k', limits, now)).toMatchObject({ ok: false, limit: 'concurrency' });
      await a.release('k', limits, { tokens: 10, costUsd: 1.5 }, now);
      expect(await b.admit('k', limits, now)).toMatchObject({ ok: false, limit: 'daily-budget' });
      expect((await b.spend('k', now)).todayUsd).toBeCloseTo(1.5);
      await a.cacheSet('h', 'answer', 10_000);
      expect(await b.cacheGet('h')).toBe('answer');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reports an unreachable Redis clearly', async () => {
    const error = await createRedisState({ url: 'redis://127.0.0.1:1' }).catch((e) => e);
    expect(error.code).toBe('GATEWAY_STATE_UNAVAILABLE');
  });
});
