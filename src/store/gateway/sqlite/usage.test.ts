import { describe, expect, it } from 'vitest';
import { migrate } from '../../migrate.js';
import { migrations } from '../../migrations.js';
import { openSqliteDatabase } from '../../sqlite-database.js';
import type { GatewayUsageRecord } from '../types.js';
import { createSqliteGatewayUsageRepository } from './usage.js';

const day1 = Date.parse('2026-11-28T23:59:59.500Z');
const day2 = Date.parse('2026-11-29T00:00:00.250Z');

function row(keyId: string | null, createdAt: number, costUsd: number): GatewayUsageRecord {
  return {
    keyId,
    model: 'm',
    route: 'm',
    upstream: 'a',
    endpoint: 'chat',
    status: 200,
    stream: false,
    cached: false,
    inputTokens: 10,
    outputTokens: 5,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    costUsd,
    usageSource: 'upstream',
    durationMs: 1.5,
    createdAt,
  };
}

describe('gateway usage repository', () => {
  it('sums a key by UTC day, across batches, ignoring other keys and anonymous rows', async () => {
    const db = openSqliteDatabase(':memory:');
    migrate(db, migrations);
    const usage = createSqliteGatewayUsageRepository(db);
    await usage.saveUsage([row('k1', day1, 1), row('k1', day2, 2), row('k2', day2, 4), row(null, day2, 8)]);
    await usage.saveUsage([row('k1', day2, 0.5)]);
    expect(await usage.totalsForKey('k1')).toEqual({
      requests: 3,
      inputTokens: 30,
      outputTokens: 15,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 3.5,
    });
    expect((await usage.totalsForKey('k1', '2026-11-29')).costUsd).toBe(2.5);
    expect((await usage.totalsForKey('k1', '2026-11-30')).requests).toBe(0);
    expect((await usage.totalsForKey('nobody')).costUsd).toBe(0);
    expect(await usage.listUsage({ keyId: 'k2' })).toHaveLength(1);
    expect(await usage.listUsage()).toHaveLength(5);
  });

  it('writes large batches (blocks of rows per statement, then the rest) in order, every field kept', async () => {
    const db = openSqliteDatabase(':memory:');
    migrate(db, migrations);
    const usage = createSqliteGatewayUsageRepository(db);
    const rows = Array.from({ length: 120 }, (_, i) => ({
      ...row(i % 3 === 0 ? null : 'k1', day2 + i, i / 100),
      status: 200 + i,
      stream: i % 2 === 0,
      upstream: i % 5 === 0 ? null : `u${i}`,
    }));
    await usage.saveUsage(rows);
    const listed = await usage.listUsage({ limit: 200 });
    expect(listed).toHaveLength(120);
    expect(listed.reverse()).toEqual(rows);
    const keyed = rows.filter((r) => r.keyId === 'k1');
    const totals = await usage.totalsForKey('k1');
    expect(totals.requests).toBe(keyed.length);
    expect(totals.costUsd).toBeCloseTo(
      keyed.reduce((sum, r) => sum + r.costUsd, 0),
      10,
    );
  });

  it('migration 301 rolls up usage logged before it existed', async () => {
    const db = openSqliteDatabase(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.id < 301),
    );
    const insert =
      db.prepare(`INSERT INTO gateway_usage (key_id, model, route, endpoint, status, input_tokens,
      output_tokens, cost_usd, duration_ms, created_at) VALUES (?, 'm', 'm', 'chat', 200, 10, 5, ?, 1, ?)`);
    insert.run('k1', 1, day1);
    insert.run('k1', 2, day2);
    insert.run(null, 8, day2);
    expect(migrate(db, migrations).applied).toContain(301);
    const usage = createSqliteGatewayUsageRepository(db);
    expect((await usage.totalsForKey('k1')).costUsd).toBe(3);
    expect((await usage.totalsForKey('k1', '2026-11-29')).costUsd).toBe(2);
  });

  it('stores every row, plain or not, in its order with the same values and types as one bound insert per row', async () => {
    const columns = `key_id, model, route, upstream, endpoint, status, stream, cached, input_tokens, output_tokens,
      cost_usd, usage_source, duration_ms, created_at, cached_tokens, cache_write_tokens, trace_id, span_id,
      start_time, response_model, span_extra`;
    const open = () => {
      const db = openSqliteDatabase(':memory:');
      migrate(db, migrations);
      return db;
    };
    // Plain rows (chat, 200, usage from upstream, a span with nothing extra) in runs, broken by rows
    // that differ from plain in one field each, and remainders of every length.
    const variants: ((r: GatewayUsageRecord) => void)[] = [
      () => {},
      (r) => {
        r.endpoint = 'embeddings';
      },
      (r) => {
        r.status = 429;
      },
      (r) => {
        r.stream = true;
      },
      (r) => {
        r.cached = true;
      },
      (r) => {
        r.usageSource = 'counted';
      },
      (r) => {
        r.cachedTokens = 3;
      },
      (r) => {
        r.cacheWriteTokens = 2;
      },
      (r) => {
        r.cachedTokens = undefined;
        r.cacheWriteTokens = undefined;
      },
      (r) => {
        r.span = undefined;
      },
      (r) => {
        if (r.span) r.span.extra = { statusMessage: 'x' };
      },
      (r) => {
        if (r.span) r.span.responseModel = null;
        r.upstream = null;
        r.keyId = null;
      },
    ];
    const records: GatewayUsageRecord[] = [];
    for (let i = 0; i < 700; i++) {
      const r: GatewayUsageRecord = {
        ...row(i % 7 === 0 ? null : `k${i % 3}`, day2 + i * 1.5, i / 1000 + 1 / (i + 1)),
        inputTokens: i,
        outputTokens: i % 11,
        durationMs: i / 7,
        span: {
          traceId: `t${i}`.padStart(32, '0'),
          spanId: `s${i}`.padStart(16, '0'),
          startTime: 1.7e12 + i / 3,
          responseModel: 'gpt-4o-mini',
          extra: null,
        },
      };
      // Long plain runs (more than a 50-row block) with other rows between them.
      if (i % 97 > 60) variants[1 + (i % (variants.length - 1))](r);
      records.push(r);
    }
    const db = open();
    await createSqliteGatewayUsageRepository(db).saveUsage(records);
    const reference = open();
    const insert = reference.prepare(
      `INSERT INTO gateway_usage (${columns}) VALUES (${Array(21).fill('?').join(', ')})`,
    );
    for (const r of records)
      insert.run(
        r.keyId,
        r.model,
        r.route,
        r.upstream,
        r.endpoint,
        r.status,
        r.stream ? 1 : 0,
        r.cached ? 1 : 0,
        r.inputTokens,
        r.outputTokens,
        r.costUsd,
        r.usageSource,
        r.durationMs,
        r.createdAt,
        r.cachedTokens ?? 0,
        r.cacheWriteTokens ?? 0,
        r.span?.traceId ?? null,
        r.span?.spanId ?? null,
        r.span?.startTime ?? null,
        r.span?.responseModel ?? null,
        r.span && r.span.extra !== null ? JSON.stringify(r.span.extra) : null,
      );
    const typed = columns
      .split(',')
      .map((c) => `${c.trim()}, typeof(${c.trim()}) AS type_${c.trim()}`)
      .join(', ');
    const select = `SELECT id, ${typed} FROM gateway_usage ORDER BY id`;
    const stored = db.prepare(select).all();
    expect(stored).toHaveLength(700);
    expect(stored).toEqual(reference.prepare(select).all());
  });
});
