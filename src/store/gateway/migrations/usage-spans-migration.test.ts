import { describe, expect, it } from 'vitest';
import { migrate } from '../../migrate.js';
import { migrations } from '../../migrations.js';
import { openSqliteDatabase } from '../../sqlite-database.js';
import { createSqliteSpanRepository } from '../../trace/sqlite/spans.js';
import { createSqliteGatewayUsageRepository } from '../sqlite/usage.js';

describe('migration 304 (the span of each request in its usage row)', () => {
  it('keeps the usage rows and spans written before it, and reads new rows as traces beside them', async () => {
    const db = openSqliteDatabase(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.id < 304),
    );
    // Written the old way: a usage row, and the request's span as a spans row.
    db.prepare(`INSERT INTO gateway_usage (key_id, model, route, upstream, endpoint, status, input_tokens,
      output_tokens, cost_usd, duration_ms, created_at) VALUES ('k1', 'm', 'm', 'sim', 'chat', 200, 7, 3, 0.5, 4, 1000)`).run();
    db.prepare(`INSERT INTO spans (span_id, trace_id, parent_span_id, name, kind, start_time, end_time, status,
      attributes, a_input_tokens) VALUES ('s1', 't-old', NULL, 'chat m', 'server', 996, 1000, 'ok', '{}', 7)`).run();
    expect(migrate(db, migrations).applied).toContain(304);

    const usage = createSqliteGatewayUsageRepository(db);
    const spans = createSqliteSpanRepository(db);
    const traceId = `${(2000).toString(16).padStart(12, '0')}00000000000000000001`;
    await usage.saveUsage([
      {
        keyId: 'k1',
        model: 'm',
        route: 'm',
        upstream: 'sim',
        endpoint: 'chat',
        status: 200,
        stream: false,
        cached: false,
        inputTokens: 5,
        outputTokens: 2,
        costUsd: 0.25,
        usageSource: 'upstream',
        durationMs: 3,
        createdAt: 2000,
        span: { traceId, spanId: '0000000000000002', startTime: 1997, responseModel: null, extra: null },
      },
    ]);
    const rows = await usage.listUsage({ keyId: 'k1' });
    expect(rows.map((r) => [r.inputTokens, r.outputTokens, r.costUsd, r.createdAt])).toEqual([
      [5, 2, 0.25, 2000],
      [7, 3, 0.5, 1000],
    ]);
    expect(
      (await spans.getTrace('t-old')).map((s) => [s.name, s.attributes['gen_ai.usage.input_tokens']]),
    ).toEqual([['chat m', 7]]);
    expect((await spans.getTrace(traceId)).map((s) => [s.name, s.startTime, s.endTime])).toEqual([
      ['chat m', 1997, 2000],
    ]);
    expect((await spans.listTraces()).map((t) => t.traceId)).toEqual([traceId, 't-old']);
  });
});
