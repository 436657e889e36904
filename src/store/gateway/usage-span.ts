// A gateway request's span kept in its usage row (migration 304): one record and one insert per
// request instead of a usage row plus a 20-column span row. The row's own columns already say most of
// the span (model, endpoint, status, tokens, cost, upstream, cached, stream, duration); the row adds
// the span's ids, its start time, the upstream's model name and a JSON of anything else (span_extra,
// null for a plain request). usageRowToSpan gives back the SpanRecord the gateway would have written.
import type { SpanRecord } from '../trace/types.js';
import type { GatewayUsageRecord } from './types.js';

/** The span columns of gateway_usage, in the order writeSpanFields writes them. */
export const usageSpanColumnList = 'trace_id, span_id, start_time, response_model, span_extra';
export const usageSpanColumnCount = 5;

const operations: Record<string, string> = {
  chat: 'chat',
  completions: 'text_completion',
  embeddings: 'embeddings',
};

/** gen_ai.operation.name: the GenAI name for the OpenAI families, the endpoint label for media. */
export function gatewayOperation(endpoint: string): string {
  return operations[endpoint] ?? endpoint;
}

/** The span of a gateway request: `<operation> <model>` ("chat gpt-4o"). */
export function gatewaySpanName(endpoint: string, model: string): string {
  return `${gatewayOperation(endpoint)} ${model}`;
}

/** Writes the row's span columns into `into` from `at` (nulls when the row has no span). */
export function writeSpanFields(r: GatewayUsageRecord, into: unknown[], at: number): void {
  const span = r.span;
  if (span === undefined) {
    into[at] = null;
    into[at + 1] = null;
    into[at + 2] = null;
    into[at + 3] = null;
    into[at + 4] = null;
    return;
  }
  into[at] = span.traceId;
  into[at + 1] = span.spanId;
  into[at + 2] = span.startTime;
  into[at + 3] = span.responseModel;
  into[at + 4] = span.extra === null ? null : JSON.stringify(span.extra);
}

/** The columns of a usage row that carries a span, as the trace store selects them. */
export interface UsageSpanRow {
  trace_id: string;
  span_id: string;
  start_time: number;
  response_model: string | null;
  span_extra: string | null;
  model: string;
  upstream: string | null;
  endpoint: string;
  status: number | string;
  stream: number | string;
  cached: number | string;
  input_tokens: number | string;
  output_tokens: number | string;
  cached_tokens: number | string;
  cache_write_tokens: number | string;
  cost_usd: number;
  duration_ms: number;
}

/** The select list for UsageSpanRow. */
export const usageSpanSelect = `trace_id, span_id, start_time, response_model, span_extra, model, upstream,
  endpoint, status, stream, cached, input_tokens, output_tokens, cached_tokens, cache_write_tokens, cost_usd,
  duration_ms`;

/** The ms (created_at) a gateway trace id starts with, or undefined for an id that cannot be one. */
export function traceIdMillis(traceId: string): number | undefined {
  if (!/^[0-9a-f]{32}$/.test(traceId)) return undefined;
  return Number.parseInt(traceId.slice(0, 12), 16);
}

/** The span a usage row carries, as the gateway recorded it. */
export function usageRowToSpan(row: UsageSpanRow): SpanRecord {
  const status = Number(row.status);
  const cachedTokens = Number(row.cached_tokens);
  const cacheWriteTokens = Number(row.cache_write_tokens);
  const attributes: Record<string, unknown> = {
    'gen_ai.operation.name': gatewayOperation(row.endpoint),
    'gen_ai.request.model': row.model,
    'gen_ai.usage.input_tokens': Number(row.input_tokens),
    'gen_ai.usage.output_tokens': Number(row.output_tokens),
    'gantry.cost.usd': row.cost_usd,
    'gantry.gateway.cached': Number(row.cached) === 1,
    'gantry.gateway.stream': Number(row.stream) === 1,
    'http.response.status_code': status,
  };
  if (row.response_model !== null) attributes['gen_ai.response.model'] = row.response_model;
  if (cachedTokens) attributes['gen_ai.usage.cache_read_input_tokens'] = cachedTokens;
  if (cacheWriteTokens) attributes['gen_ai.usage.cache_creation_input_tokens'] = cacheWriteTokens;
  if (row.upstream) attributes['gantry.gateway.upstream'] = row.upstream;
  const extra = row.span_extra === null ? null : (JSON.parse(row.span_extra) as GatewayUsageSpanExtra);
  if (extra?.attributes) Object.assign(attributes, extra.attributes);
  const span: SpanRecord = {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: null,
    name: gatewaySpanName(row.endpoint, row.model),
    kind: 'server',
    startTime: row.start_time,
    endTime: row.start_time + row.duration_ms,
    status: status >= 400 ? 'error' : 'ok',
    attributes,
  };
  if (extra?.statusMessage !== undefined) span.statusMessage = extra.statusMessage;
  return span;
}

type GatewayUsageSpanExtra = NonNullable<NonNullable<GatewayUsageRecord['span']>['extra']>;
