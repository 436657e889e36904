import { describe, expect, it } from 'vitest';
import { migrate } from '../../migrate.js';
import { migrations } from '../../migrations.js';
import { openSqliteDatabase } from '../../sqlite-database.js';
import { createSqliteSpanRepository } from '../sqlite/spans.js';

describe('migration 2 (spans keyed by trace)', () => {
  it('keeps the spans recorded before it, readable as traces', async () => {
    const db = openSqliteDatabase(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.id < 2),
    );
    const insert = db.prepare(`INSERT INTO spans (span_id, trace_id, parent_span_id, name, kind, start_time,
      end_time, status, attributes) VALUES (?, ?, ?, ?, 'internal', ?, ?, ?, '{"k":1}')`);
    insert.run('s1', 't1', null, 'root', 1000, 1010, 'ok');
    insert.run('s2', 't1', 's1', 'child', 1001, 1005, 'error');
    insert.run('s3', 't2', null, 'other', 2000, 2001, 'ok');
    expect(migrate(db, migrations).applied).toContain(2);
    const spans = createSqliteSpanRepository(db);
    const trace = await spans.getTrace('t1');
    expect(trace.map((s) => [s.spanId, s.parentSpanId, s.attributes])).toEqual([
      ['s1', null, { k: 1 }],
      ['s2', 's1', { k: 1 }],
    ]);
    const listed = await spans.listTraces();
    expect(listed.map((t) => [t.traceId, t.spanCount, t.status])).toEqual([
      ['t2', 1, 'ok'],
      ['t1', 2, 'error'],
    ]);
  });
});
