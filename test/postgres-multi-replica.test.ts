// Several processes on one Postgres: two gateway processes (and one Redis) serving one key record
// every request, and two stores (two pools, as two replicas hold) racing approvals, usage batches and
// run updates lose no update and never overwrite a decision.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService, type Simulator } from '../src/gateway/index.js';
import { type GatewayUsageRecord, openPostgresStore, type PostgresStore } from '../src/store/index.js';
import { startSimulator } from './gateway-harness.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
let redis: RedisServer;
let simulator: Simulator;

beforeAll(async () => {
  redis = await startRedisServer();
  simulator = await startSimulator({ outputTokens: 3 });
});

afterAll(async () => {
  await simulator?.close();
  await redis?.stop();
});

function startProcess(config: unknown): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fixtures/gateway-process.ts'], {
    env: { ...process.env, GANTRY_TEST_CONFIG: JSON.stringify(config) },
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

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function twoStores(): Promise<[PostgresStore, PostgresStore]> {
  const schema = postgres.schema('race');
  const first = await openPostgresStore({ url: postgres.url, schema, poolSize: 8 });
  const second = await openPostgresStore({ url: postgres.url, schema, poolSize: 8 });
  return [first, second];
}

function usage(keyId: string, inputTokens: number, costUsd: number, createdAt: number): GatewayUsageRecord {
  return {
    keyId,
    model: 'm',
    route: 'm',
    upstream: 'sim',
    endpoint: 'chat',
    status: 200,
    stream: false,
    cached: false,
    inputTokens,
    outputTokens: 1,
    costUsd,
    usageSource: 'upstream',
    durationMs: 1,
    createdAt,
  };
}

describe('Postgres shared by several processes', () => {
  it('two gateway processes on one Postgres and one Redis record every request of one key', {
    timeout: 120_000,
  }, async () => {
    const schema = postgres.schema('replicas');
    const database = { url: postgres.url, schema };
    const setup = await openPostgresStore(database);
    const { record, key } = await createKeyService(setup.gatewayKeys).create({ name: 'shared' });
    await setup.close();
    const config = {
      database,
      gateway: {
        upstreams: { sim: { baseURL: simulator.baseURL } },
        routes: { m: { targets: [{ upstream: 'sim' }] } },
        auth: { required: true },
        state: { kind: 'redis', url: redis.url, prefix: `pg${Date.now()}:` },
      },
    };
    const [one, two] = await Promise.all([startProcess(config), startProcess(config)]);
    const send = (url: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello there' }] }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 40; i += 8) {
        statuses.push(
          ...(await Promise.all(Array.from({ length: 8 }, (_, k) => send(k % 2 ? one.url : two.url)))),
        );
      }
    } finally {
      // SIGTERM closes each gateway, which writes its last usage batch.
      await Promise.all([stopProcess(one.child), stopProcess(two.child)]);
    }
    expect(statuses).toEqual(Array(40).fill(200));
    const check = await openPostgresStore(database);
    try {
      const rows = await check.gatewayUsage.listUsage({ keyId: record.id, limit: 1000 });
      expect(rows).toHaveLength(40);
      const totals = await check.gatewayUsage.totalsForKey(record.id);
      expect(totals.requests).toBe(40);
      expect(totals.inputTokens).toBe(rows.reduce((sum, r) => sum + r.inputTokens, 0));
      expect(totals.outputTokens).toBe(40 * 3);
    } finally {
      await check.close();
    }
  });

  it('usage batches written at once by two stores add up exactly in the daily totals', async () => {
    const [a, b] = await twoStores();
    try {
      const now = Date.UTC(2026, 0, 15, 12);
      // 2 stores × 15 batches × 20 rows over 3 keys, all at once: every row counts once.
      const batch = (store: number, index: number) =>
        Array.from({ length: 20 }, (_, row) =>
          usage(`k${(index + row) % 3}`, store * 100 + row, 0.001 * (row + 1), now),
        );
      const writes: Promise<void>[] = [];
      for (let index = 0; index < 15; index++) {
        writes.push(a.gatewayUsage.saveUsage(batch(1, index)), b.gatewayUsage.saveUsage(batch(2, index)));
      }
      await Promise.all(writes);
      const expected = new Map<string, { requests: number; inputTokens: number; costUsd: number }>();
      for (const store of [1, 2]) {
        for (let index = 0; index < 15; index++) {
          for (const r of batch(store, index)) {
            const sum = expected.get(r.keyId!) ?? { requests: 0, inputTokens: 0, costUsd: 0 };
            sum.requests++;
            sum.inputTokens += r.inputTokens;
            sum.costUsd += r.costUsd;
            expected.set(r.keyId!, sum);
          }
        }
      }
      for (const [keyId, sum] of expected) {
        const totals = await a.gatewayUsage.totalsForKey(keyId, '2026-01-15');
        expect(totals.requests).toBe(sum.requests);
        expect(totals.inputTokens).toBe(sum.inputTokens);
        expect(totals.costUsd).toBeCloseTo(sum.costUsd, 9);
      }
      expect(await b.gatewayUsage.listUsage({ limit: 10_000 })).toHaveLength(600);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('an approval decided by two stores at once is decided once; the loser sees the winner', async () => {
    const [a, b] = await twoStores();
    try {
      await a.agentRuns.createRun({ id: 'run', agentName: 'x', task: 't', model: 'm' });
      const ids = Array.from({ length: 25 }, (_, i) => `ap${i}`);
      await Promise.all(
        ids.map((id, i) =>
          a.agentApprovals.requestApproval({
            id,
            runId: 'run',
            callId: `c${i}`,
            toolName: 'rm',
            input: {},
            inputHash: 'h',
          }),
        ),
      );
      const results = await Promise.all(
        ids.map(async (id) => {
          const [byA, byB] = await Promise.all([
            a.agentApprovals.decideApproval(id, { status: 'approved', decidedBy: 'a' }),
            b.agentApprovals.decideApproval(id, { status: 'rejected', decidedBy: 'b' }),
          ]);
          return { id, byA, byB };
        }),
      );
      for (const { id, byA, byB } of results) {
        const final = await a.agentApprovals.getApproval(id);
        // Both callers see one and the same decision: the first write wins, the second changes nothing.
        expect(final?.decidedBy).toBe(final?.status === 'approved' ? 'a' : 'b');
        expect(byA?.status).toBe(final?.status);
        expect(byB?.status).toBe(final?.status);
        expect(byA?.decidedAt).toBe(final?.decidedAt);
      }
      const decided = await a.agentApprovals.listApprovals({ runId: 'run', limit: 100 });
      expect(decided.filter((r) => r.status === 'pending')).toHaveLength(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('two stores updating different fields of one run at once keep both', async () => {
    const [a, b] = await twoStores();
    try {
      await a.agentRuns.createRun({ id: 'r', agentName: 'x', task: 't', model: 'm' });
      for (let step = 1; step <= 20; step++) {
        await Promise.all([
          a.agentRuns.updateRun('r', { stepCount: step }),
          b.agentRuns.updateRun('r', { inputTokens: step * 10 }),
        ]);
      }
      expect(await b.agentRuns.getRun('r')).toMatchObject({ stepCount: 20, inputTokens: 200 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
