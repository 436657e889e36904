// Spans on SQLite: one row per span, keyed by (trace_id, span_id); written in blocks of rows per statement.
import { blockInsert } from '../../block-insert.js';
import {
  traceIdMillis,
  type UsageSpanRow,
  usageRowToSpan,
  usageSpanSelect,
} from '../../gateway/usage-span.js';
import type { SqliteDatabase } from '../../sqlite-database.js';
import {
  mergeTraceLists,
  type UsageTraceRow,
  usageRowToSummary,
  usageTraceSelect,
} from '../gateway-traces.js';
import type { SpanRepository } from '../repository.js';
import { rowToSpan, type SpanRow } from '../rows.js';
import { spanColumnList, spanColumns, splitAttributes } from '../span-columns.js';
import type { SpanRecord } from '../types.js';

export function createSqliteSpanRepository(db: SqliteDatabase): SpanRepository {
  const insertRows = blockInsert(
    db,
    `INSERT OR REPLACE INTO spans (span_id, trace_id, parent_span_id, name, kind, start_time, end_time,
      status, status_message, attributes, ${spanColumnList})`,
    10 + spanColumns.length,
    writeFields,
  );
  const insertMany = db.transaction((spans: readonly SpanRecord[]) => insertRows(spans));
  const selectTrace = db.prepare('SELECT * FROM spans WHERE trace_id = ? ORDER BY start_time, span_id');
  const selectTraces = db.prepare(`
    SELECT r.trace_id, r.name AS root_name, r.start_time, r.end_time - r.start_time AS duration_ms,
      (SELECT count(*) FROM spans s WHERE s.trace_id = r.trace_id) AS span_count,
      CASE WHEN EXISTS (SELECT 1 FROM spans e WHERE e.trace_id = r.trace_id AND e.status = 'error')
        THEN 'error' ELSE 'ok' END AS status
    FROM spans r WHERE r.parent_span_id IS NULL ORDER BY r.start_time DESC LIMIT ?`);
  // Gateway requests' spans, kept in their usage rows (gateway-traces.ts): found by created_at, which
  // is the trace id's time prefix.
  const selectUsageSpan = db.prepare(
    `SELECT ${usageSpanSelect} FROM gateway_usage WHERE created_at = ? AND trace_id = ?`,
  );
  const selectUsageTraces = db.prepare(
    `SELECT ${usageTraceSelect} FROM gateway_usage WHERE trace_id IS NOT NULL ORDER BY created_at DESC LIMIT ?`,
  );

  return {
    async saveSpans(spans) {
      if (spans.length > 0) insertMany(spans);
    },
    async getTrace(traceId) {
      const spans = (selectTrace.all(traceId) as SpanRow[]).map(rowToSpan);
      const ms = traceIdMillis(traceId);
      const row =
        ms === undefined ? undefined : (selectUsageSpan.get(ms, traceId) as UsageSpanRow | undefined);
      if (row === undefined) return spans;
      spans.push(usageRowToSpan(row));
      return spans.sort((a, b) => a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : 1));
    },
    async listTraces({ limit = 20 } = {}) {
      const rows = selectTraces.all(limit) as {
        trace_id: string;
        root_name: string;
        start_time: number;
        duration_ms: number;
        span_count: number;
        status: 'ok' | 'error';
      }[];
      const listed = rows.map((r) => ({
        traceId: r.trace_id,
        rootName: r.root_name,
        startTime: r.start_time,
        durationMs: r.duration_ms,
        spanCount: r.span_count,
        status: r.status,
      }));
      const gateway = (selectUsageTraces.all(limit) as UsageTraceRow[]).map(usageRowToSummary);
      return mergeTraceLists(listed, gateway, limit);
    },
  };
}

function writeFields(s: SpanRecord, into: unknown[], at: number): void {
  into[at] = s.spanId;
  into[at + 1] = s.traceId;
  into[at + 2] = s.parentSpanId;
  into[at + 3] = s.name;
  into[at + 4] = s.kind;
  into[at + 5] = s.startTime;
  into[at + 6] = s.endTime;
  into[at + 7] = s.status;
  into[at + 8] = s.statusMessage ?? null;
  into[at + 9] = splitAttributes(s.attributes, into, at + 10);
}
