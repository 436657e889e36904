// Exports spans to an OpenTelemetry collector over OTLP/HTTP with the JSON encoding.
import type { SpanRecord } from '../../store/index.js';
import { type BatchingSink, createBatchingSink } from './batching-sink.js';

export interface OtlpSinkOptions {
  /** For example http://127.0.0.1:4318/v1/traces */
  endpoint: string;
  headers?: Record<string, string>;
  serviceName?: string;
  flushIntervalMs?: number;
  fetch?: typeof globalThis.fetch;
}

export function otlpSink({
  endpoint,
  headers = {},
  serviceName = 'gantry',
  flushIntervalMs = 1000,
  fetch = globalThis.fetch,
}: OtlpSinkOptions): BatchingSink {
  return createBatchingSink({
    name: 'OTLP',
    flushIntervalMs,
    async exportBatch(spans) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(toOtlpRequest(spans, serviceName)),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`${endpoint} answered ${response.status}`);
      await response.body?.cancel();
    },
  });
}

const spanKind = { internal: 1, server: 2, client: 3 } as const;

export function toOtlpRequest(spans: readonly SpanRecord[], serviceName: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [keyValue('service.name', serviceName)] },
        scopeSpans: [
          {
            scope: { name: 'gantry' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: spanKind[span.kind],
              startTimeUnixNano: toNanos(span.startTime),
              endTimeUnixNano: toNanos(span.endTime),
              attributes: Object.entries(span.attributes).map(([key, value]) => keyValue(key, value)),
              status: span.status === 'error' ? { code: 2, message: span.statusMessage ?? '' } : { code: 1 },
            })),
          },
        ],
      },
    ],
  };
}

function toNanos(ms: number): string {
  return (BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.round((ms % 1) * 1e6))).toString();
}

function keyValue(key: string, value: unknown) {
  return { key, value: anyValue(value) };
}

function anyValue(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  return { stringValue: JSON.stringify(value) };
}
