// The trace domain's repository: spans written in batches by the trace sink, read back as whole traces.
import type { SpanRecord, TraceSummary } from './types.js';

export interface SpanRepository {
  saveSpans(spans: readonly SpanRecord[]): Promise<void>;
  getTrace(traceId: string): Promise<SpanRecord[]>;
  listTraces(options?: { limit?: number }): Promise<TraceSummary[]>;
}

/** What the trace domain adds to the Store. */
export interface TraceRepositories {
  readonly spans: SpanRepository;
}
