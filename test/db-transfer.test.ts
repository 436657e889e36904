// `gantry db export|import|status`: a SQLite database with rows in every domain is moved to Postgres
// and back; every table's row count and checksum, and every collection's vectors, survive the trip.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  copyStore,
  describeStore,
  openPostgresStore,
  openSqliteStore,
  type SqliteStore,
} from '../src/store/index.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const folder = mkdtempSync(join(tmpdir(), 'gantry-db-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function gantry(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/gantry.js'), ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

async function fill(store: SqliteStore): Promise<void> {
  await store.spans.saveSpans([
    {
      traceId: 't',
      spanId: 's',
      parentSpanId: null,
      name: 'root',
      kind: 'server',
      startTime: 1.5,
      endTime: 9.25,
      status: 'ok',
      attributes: { a: [1, 'x'] },
    },
  ]);
  await store.agentRuns.createRun({ id: 'r', agentName: 'a', task: 'task', model: 'm' });
  await store.agentRuns.updateRun('r', { stepCount: 2, costUsd: 0.125, checkpoint: { messages: ['é', 1] } });
  await store.agentToolCalls.recordToolCall({
    runId: 'r',
    callId: 'c',
    step: 1,
    toolName: 't',
    input: { q: 1 },
    inputHash: 'h',
    output: 'ok',
    isError: false,
    startedAt: 1,
    endedAt: 2,
  });
  await store.agentApprovals.requestApproval({
    id: 'ap',
    runId: 'r',
    callId: 'c2',
    toolName: 'rm',
    input: {},
    inputHash: 'h2',
  });
  await store.gatewayKeys.createKey({
    id: 'k',
    name: 'n',
    keyHash: 'hash',
    keyPrefix: 'gk_',
    createdAt: 5,
    revokedAt: null,
    limits: { requestsPerMinute: 3 },
    models: null,
  });
  await store.gatewayUsage.saveUsage(
    Array.from({ length: 120 }, (_, i) => ({
      keyId: i % 2 ? 'k' : null,
      model: 'm',
      route: 'm',
      upstream: 'u',
      endpoint: 'chat' as const,
      status: 200,
      stream: i % 3 === 0,
      cached: false,
      inputTokens: i,
      outputTokens: 2,
      costUsd: i / 1000,
      usageSource: 'upstream' as const,
      durationMs: 1.5,
      createdAt: 1_767_225_600_000 + i,
    })),
  );
  await store.guardEvents.saveEvents([
    {
      at: 10,
      direction: 'input',
      action: 'allow',
      length: 5,
      language: 'en',
      refusal: false,
      piiCount: 0,
      injectionScore: 0.1,
      toxicityScore: 0,
      findings: [],
    },
  ]);
  await store.guardEvents.saveDriftWindow({
    createdAt: 1,
    referenceStart: 0,
    referenceEnd: 1,
    currentStart: 1,
    currentEnd: 2,
    drifted: true,
    report: { psi: 0.3 },
  });
  await store.evalRuns.createRun({ runId: 'e', name: 'suite', target: 'm', config: { k: 1 }, startedAt: 3 });
  await store.evalRuns.saveResult({
    runId: 'e',
    exampleId: 'x1',
    trial: 0,
    status: 'ok',
    input: 'q',
    output: { text: 'a' },
    scores: { exact: 1 },
    latencyMs: 2,
    cost: 0,
    error: null,
    cached: false,
    createdAt: 4,
  });
  await store.evalCache.set('key', { text: 'cached' });
  const collection = await store.ragDocuments.ensureCollection('docs');
  await store.ragDocuments.setCollectionEmbedder(collection.id, 'test', 8, Buffer.from([1, 2, 3]));
  const change = await store.ragDocuments.replaceDocument(
    collection.id,
    { source: 'a.md', contentHash: 'h', metadata: { lang: 'en' } },
    [
      {
        chunkId: 'c1',
        text: 'first chunk',
        metadata: { page: 1 },
        terms: new Map([
          ['first', 1],
          ['chunk', 1],
        ]),
      },
      {
        chunkId: 'c2',
        text: 'second chunk',
        metadata: { page: 2 },
        terms: new Map([
          ['second', 1],
          ['chunk', 1],
        ]),
      },
    ],
  );
  await store.ragVectors.ensureVectorTables(collection.id, 8);
  await store.ragVectors.putVectors(
    collection.id,
    change.added.map((chunk, i) => ({
      id: chunk.id,
      vector: Float32Array.from({ length: 8 }, (_, k) => (i + 1) * 0.1 + k * 0.01),
    })),
  );
  await store.ragVectors.cacheEmbeddings('test', new Map([['h1', Float32Array.from([0.5, 0.25])]]));
  // Memory rows: their "user" column is a reserved word on Postgres.
  await store.memory.addEpisodes(
    ['e1', 'e2'].map((id) => ({
      tenant: 't',
      user: 'alice',
      id,
      session: 's',
      speaker: 'alice',
      role: 'user' as const,
      text: `turn ${id}`,
      at: 5,
      importance: 0.5,
      expiresAt: null,
      metadata: { n: 1 },
    })),
  );
  await store.memory.putVectors([
    { tenant: 't', user: 'alice', id: 'e1', vector: Float32Array.from([0.5, 1]) },
  ]);
  await store.memory.saveProfile(
    { tenant: 't', user: 'alice', thread: '', data: { city: 'Lyon' }, version: 1, updatedAt: 2.5 },
    { expectedVersion: 0, changes: { city: 'Lyon' }, source: { runId: 'r' } },
  );
}

describe('gantry db', () => {
  it('exports SQLite to Postgres and imports it back, verified by counts and checksums', {
    timeout: 120_000,
  }, async () => {
    const original = join(folder, 'original.db');
    const source = openSqliteStore({ path: original });
    await fill(source);
    const before = await describeStore(source);
    await source.close();
    expect(before.tables.find((t) => t.table === 'gateway_usage')?.rows).toBe(120);
    expect(before.vectors).toEqual([expect.objectContaining({ table: 'vectors of docs', rows: 2 })]);

    const schema = postgres.schema('exported');
    const exported = await gantry(['db', 'export', postgres.url, '--schema', schema], {
      GANTRY_DATABASE: original,
    });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/gateway_usage\s+120 rows/);

    const onPostgres = await openPostgresStore({ url: postgres.url, schema });
    try {
      const there = await describeStore(onPostgres);
      expect(there).toEqual(before);
      // The copied rows work through the repositories, and new rows get fresh ids.
      expect((await onPostgres.gatewayUsage.totalsForKey('k')).requests).toBe(60);
      await onPostgres.guardEvents.saveEvents([
        { ...(await onPostgres.guardEvents.listEvents({ start: 0, end: 100 }))[0], id: undefined, at: 11 },
      ]);
      expect((await onPostgres.guardEvents.listEvents({ start: 0, end: 100 })).map((e) => e.id)).toEqual([
        1, 2,
      ]);
      const hits = await onPostgres.ragVectors.searchVectors(
        1,
        Float32Array.from({ length: 8 }, (_, k) => 0.1 + k * 0.01),
        { limit: 1 },
      );
      expect(hits[0].distance).toBeCloseTo(0, 5);
      expect(before.tables.find((t) => t.table === 'memory_episodes')?.rows).toBe(2);
      expect((await onPostgres.memory.listEpisodes({ tenant: 't', user: 'alice' })).map((e) => e.id)).toEqual(
        ['e1', 'e2'],
      );
      expect((await onPostgres.memory.getProfile('t', 'alice', ''))?.data).toEqual({ city: 'Lyon' });
      expect([...(await onPostgres.memory.listVectors('t', 'alice'))[0].vector]).toEqual([0.5, 1]);
    } finally {
      await onPostgres.close();
    }

    const again = await gantry(['db', 'export', postgres.url, '--schema', schema], {
      GANTRY_DATABASE: original,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('STORE_TARGET_NOT_EMPTY');

    const returned = join(folder, 'returned.db');
    const imported = await gantry(['db', 'import', postgres.url, '--schema', schema], {
      GANTRY_DATABASE: returned,
    });
    expect(imported.code).toBe(0);
    const status = await gantry(['db', 'status', '--json'], { GANTRY_DATABASE: returned });
    const back = JSON.parse(status.stdout);
    expect(back.backend).toBe('sqlite');
    expect(back.migrations.length).toBeGreaterThan(5);
    const guard = back.tables.find((t: { table: string }) => t.table === 'guard_events');
    expect(guard.rows).toBe(2);
    // Everything but the guard event added on Postgres is as it was in the original.
    const unchanged = (report: { tables: { table: string }[] }) =>
      report.tables.filter((t) => t.table !== 'guard_events');
    expect(unchanged(back)).toEqual(unchanged(before));
    expect(back.vectors).toEqual(before.vectors);
  });

  it('rolls a copy back when the target rejects a row', async () => {
    const source = openSqliteStore({ path: ':memory:' });
    const target = await openPostgresStore({ url: postgres.url, schema: postgres.schema('reject') });
    try {
      await source.agentRuns.createRun({ id: 'r', agentName: 'a', task: 't', model: 'm' });
      // A fractional step count fits SQLite's INTEGER affinity loosely but not Postgres's BIGINT.
      source.database.prepare('UPDATE agent_runs SET step_count = 1.5').run();
      await expect(copyStore(source, target)).rejects.toThrow();
      expect(await target.agentRuns.getRun('r')).toBeUndefined();
    } finally {
      await source.close();
      await target.close();
    }
  });
});
