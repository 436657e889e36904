// Gateway requests' spans live in their usage rows (gateway migration 304, usage-span.ts): each is a
// one-span trace. These helpers merge them into what the span repositories answer.
import { gatewaySpanName, type UsageSpanRow } from '../gateway/usage-span.js';
import type { TraceSummary } from './types.js';

/** The columns listTraces selects from gateway_usage, newest first. */
export interface UsageTraceRow {
  trace_id: string;
  start_time: number;
  duration_ms: number;
  endpoint: string;
  model: string;
  status: number | string;
}

export const usageTraceSelect = 'trace_id, start_time, duration_ms, endpoint, model, status';

export function usageRowToSummary(row: UsageTraceRow): TraceSummary {
  return {
    traceId: row.trace_id,
    rootName: gatewaySpanName(row.endpoint, row.model),
    startTime: row.start_time,
    durationMs: row.duration_ms,
    spanCount: 1,
    status: Number(row.status) >= 400 ? 'error' : 'ok',
  };
}

/**
 * The newest `limit` of both lists, newest start first. (Gateway rows are taken newest-ended first:
 * a request that started before another but ended after it may rank by its end.)
 */
export function mergeTraceLists(
  spans: TraceSummary[],
  gateway: TraceSummary[],
  limit: number,
): TraceSummary[] {
  if (gateway.length === 0) return spans;
  return [...spans, ...gateway].sort((a, b) => b.startTime - a.startTime).slice(0, limit);
}

export type { UsageSpanRow };
