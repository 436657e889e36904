// Spans on Postgres: written in batches (one statement per batch through unnest), read back as traces.

import {
  traceIdMillis,
  type UsageSpanRow,
  usageRowToSpan,
  usageSpanSelect,
} from '../../gateway/usage-span.js';
import type { PostgresDatabase } from '../../postgres-database.js';
import {
  mergeTraceLists,
  type UsageTraceRow,
  usageRowToSummary,
  usageTraceSelect,
} from '../gateway-traces.js';
import type { SpanRepository } from '../repository.js';
import { rowToSpan, type SpanRow } from '../rows.js';
import { spanColumnList, spanColumns, splitAttributes } from '../span-columns.js';

const pgArray = { text: 'text[]', number: 'float8[]', boolean: 'bool[]' } as const;

import type { SpanRecord } from '../types.js';

export function createPostgresSpanRepository(db: PostgresDatabase): SpanRepository {
  return {
    async saveSpans(spans) {
      if (spans.length === 0) return;
      // One row per (trace, span): a batch that names a span twice keeps the last (ON CONFLICT cannot
      // touch one row twice in a statement).
      const unique = new Map<string, SpanRecord>();
      for (const s of spans) unique.set(`${s.traceId}\0${s.spanId}`, s);
      const rows = [...unique.values()];
      // Typed attribute columns (span-columns.ts) as one array each, the rest as JSON.
      const typed = spanColumns.map(() => [] as unknown[]);
      const json: string[] = [];
      const values: unknown[] = new Array(spanColumns.length);
      for (const s of rows) {
        json.push(splitAttributes(s.attributes, values, 0));
        for (let i = 0; i < spanColumns.length; i++) {
          const value = values[i];
          typed[i].push(spanColumns[i][2] === 'boolean' && value !== null ? value === 1 : value);
        }
      }
      const typedArgs = spanColumns.map(([, , type], i) => `$${11 + i}::${pgArray[type]}`).join(', ');
      const updates = spanColumns.map(([, column]) => `${column} = excluded.${column}`).join(', ');
      await db.query(
        `INSERT INTO spans (trace_id, span_id, parent_span_id, name, kind, start_time, end_time, status,
           status_message, attributes, ${spanColumnList})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
           $6::float8[], $7::float8[], $8::text[], $9::text[], $10::text[], ${typedArgs})
         ON CONFLICT (trace_id, span_id) DO UPDATE SET parent_span_id = excluded.parent_span_id,
           name = excluded.name, kind = excluded.kind, start_time = excluded.start_time,
           end_time = excluded.end_time, status = excluded.status, status_message = excluded.status_message,
           attributes = excluded.attributes, ${updates}`,
        [
          rows.map((s) => s.traceId),
          rows.map((s) => s.spanId),
          rows.map((s) => s.parentSpanId),
          rows.map((s) => s.name),
          rows.map((s) => s.kind),
          rows.map((s) => s.startTime),
          rows.map((s) => s.endTime),
          rows.map((s) => s.status),
          rows.map((s) => s.statusMessage ?? null),
          json,
          ...typed,
        ],
      );
    },
    async getTrace(traceId) {
      const rows = await db.query<SpanRow>(
        'SELECT * FROM spans WHERE trace_id = $1 ORDER BY start_time, span_id',
        [traceId],
      );
      const spans = rows.map(rowToSpan);
      // A gateway request's span, kept in its usage row (gateway-traces.ts).
      const ms = traceIdMillis(traceId);
      if (ms === undefined) return spans;
      const [row] = await db.query<UsageSpanRow>(
        `SELECT ${usageSpanSelect} FROM gateway_usage WHERE created_at = $1 AND trace_id = $2`,
        [ms, traceId],
      );
      if (row === undefined) return spans;
      spans.push(usageRowToSpan(row));
      return spans.sort((a, b) => a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : 1));
    },
    async listTraces({ limit = 20 } = {}) {
      const rows = await db.query<{
        trace_id: string;
        root_name: string;
        start_time: number;
        duration_ms: number;
        span_count: number;
        status: 'ok' | 'error';
      }>(
        // The newest roots first, then each one's spans counted through the (trace_id, span_id) key.
        // (An EXISTS in the select list was planned as one hashed scan of every error span: 90 ms at
        // 100,000 spans.)
        `SELECT r.trace_id, r.name AS root_name, r.start_time, r.end_time - r.start_time AS duration_ms,
          t.span_count, CASE WHEN t.errors > 0 THEN 'error' ELSE 'ok' END AS status
        FROM (SELECT trace_id, name, start_time, end_time FROM spans WHERE parent_span_id IS NULL
          ORDER BY start_time DESC LIMIT $1) r
        CROSS JOIN LATERAL (SELECT count(*) AS span_count, count(*) FILTER (WHERE s.status = 'error') AS errors
          FROM spans s WHERE s.trace_id = r.trace_id) t
        ORDER BY r.start_time DESC`,
        [limit],
      );
      const listed = rows.map((r) => ({
        traceId: r.trace_id,
        rootName: r.root_name,
        startTime: r.start_time,
        durationMs: r.duration_ms,
        spanCount: Number(r.span_count),
        status: r.status,
      }));
      const gateway = await db.query<UsageTraceRow>(
        `SELECT ${usageTraceSelect} FROM gateway_usage WHERE trace_id IS NOT NULL
         ORDER BY created_at DESC LIMIT $1`,
        [limit],
      );
      return mergeTraceLists(listed, gateway.map(usageRowToSummary), limit);
    },
  };
}
