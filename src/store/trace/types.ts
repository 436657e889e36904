// Records of the trace domain: spans, and the per-trace summary listed by `gantry traces`.

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: 'internal' | 'client' | 'server';
  /** Milliseconds since the epoch (fractional). */
  startTime: number;
  endTime: number;
  status: 'ok' | 'error';
  statusMessage?: string;
  attributes: Record<string, unknown>;
}

export interface TraceSummary {
  traceId: string;
  rootName: string;
  startTime: number;
  durationMs: number;
  spanCount: number;
  status: 'ok' | 'error';
}
