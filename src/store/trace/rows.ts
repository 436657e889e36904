// The spans row and its record: the same on SQLite and Postgres.
import { joinAttributes } from './span-columns.js';
import type { SpanRecord } from './types.js';

export interface SpanRow {
  span_id: string;
  trace_id: string;
  parent_span_id: string | null;
  name: string;
  kind: SpanRecord['kind'];
  start_time: number;
  end_time: number;
  status: SpanRecord['status'];
  status_message: string | null;
  attributes: string;
  /** The typed attribute columns (span-columns.ts), null where a span has none. */
  [column: `a_${string}`]: unknown;
}

export function rowToSpan(row: SpanRow): SpanRecord {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    kind: row.kind,
    startTime: row.start_time,
    endTime: row.end_time,
    status: row.status,
    ...(row.status_message === null ? {} : { statusMessage: row.status_message }),
    attributes: joinAttributes(row.attributes, row as unknown as Record<string, unknown>),
  };
}
