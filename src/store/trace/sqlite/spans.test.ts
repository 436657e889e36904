import { describe, expect, it } from 'vitest';
import { migrate } from '../../migrate.js';
import { migrations } from '../../migrations.js';
import { openSqliteDatabase } from '../../sqlite-database.js';
import type { SpanRecord } from '../types.js';
import { createSqliteSpanRepository } from './spans.js';

describe('span repository', () => {
  it('writes a large batch (blocks of spans per statement, then the rest) with every field kept', async () => {
    const db = openSqliteDatabase(':memory:');
    migrate(db, migrations);
    const spans = createSqliteSpanRepository(db);
    const records: SpanRecord[] = Array.from({ length: 123 }, (_, i) => ({
      traceId: `t${i % 3}`,
      spanId: `s${String(i).padStart(3, '0')}`,
      parentSpanId: i < 3 ? null : `s00${i % 3}`,
      name: `span ${i}`,
      kind: i < 3 ? 'server' : 'internal',
      startTime: 1000 + i,
      endTime: 1001 + i,
      status: i === 7 ? 'error' : 'ok',
      ...(i === 7 ? { statusMessage: 'boom' } : {}),
      attributes: { index: i, tags: ['a', 'b'] },
    }));
    await spans.saveSpans(records);
    for (let t = 0; t < 3; t++) {
      const trace = await spans.getTrace(`t${t}`);
      expect(trace).toEqual(records.filter((r) => r.traceId === `t${t}`));
    }
    const listed = await spans.listTraces();
    expect(listed.map((l) => [l.traceId, l.spanCount, l.status])).toEqual([
      ['t2', 41, 'ok'],
      ['t1', 41, 'error'],
      ['t0', 41, 'ok'],
    ]);
    // Saving a span again replaces it (a span is written once it ended; a retry must not duplicate).
    await spans.saveSpans([{ ...records[5], name: 'renamed' }]);
    expect((await spans.getTrace('t2')).filter((s) => s.spanId === 's005').map((s) => s.name)).toEqual([
      'renamed',
    ]);
  });
});
