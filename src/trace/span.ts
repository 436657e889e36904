// A span being recorded: timing, attributes and status; handed to the tracer's sinks when it ends.
import type { SpanRecord } from '../store/index.js';
import { newSpanId, newTraceId } from './ids.js';

export type AttributeValue = string | number | boolean | string[] | number[];

export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly ended: boolean;
  /** False for a span that records nothing (tracing off, or its trace was not sampled). */
  readonly recording: boolean;
  setAttribute(key: string, value: AttributeValue | undefined): Span;
  setAttributes(attributes: Record<string, AttributeValue | undefined>): Span;
  /** Marks the span as failed with the error's message (the span still needs end()). */
  recordError(error: unknown): Span;
  end(status?: 'ok' | 'error'): void;
}

export interface SpanStartOptions {
  parent?: Pick<Span, 'traceId' | 'spanId'>;
  attributes?: Record<string, AttributeValue | undefined>;
  kind?: SpanRecord['kind'];
  /** Milliseconds since the epoch; default: now. */
  startTime?: number;
}

/** Wall-clock milliseconds with sub-millisecond resolution. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class RecordingSpan implements Span {
  readonly recording = true;
  readonly traceId: string;
  readonly spanId = newSpanId();
  readonly parentSpanId: string | null;
  ended = false;
  private readonly attributes: Record<string, unknown> = {};
  private readonly startTime: number;
  private status: 'ok' | 'error' = 'ok';
  private statusMessage: string | undefined;

  constructor(
    readonly name: string,
    options: SpanStartOptions,
    private readonly onEnd: (record: SpanRecord) => void,
    private readonly kind: SpanRecord['kind'] = options.kind ?? 'internal',
  ) {
    this.traceId = options.parent?.traceId ?? newTraceId();
    this.parentSpanId = options.parent?.spanId ?? null;
    this.startTime = options.startTime ?? nowMs();
    if (options.attributes) this.setAttributes(options.attributes);
  }

  setAttribute(key: string, value: AttributeValue | undefined): Span {
    if (value !== undefined) this.attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Record<string, AttributeValue | undefined>): Span {
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  recordError(error: unknown): Span {
    this.status = 'error';
    this.statusMessage = error instanceof Error ? error.message : String(error);
    if (error instanceof Error)
      this.attributes['error.type'] = (error as { code?: string }).code ?? error.name;
    return this;
  }

  end(status?: 'ok' | 'error'): void {
    if (this.ended) return;
    this.ended = true;
    if (status) this.status = status;
    this.onEnd({
      traceId: this.traceId,
      spanId: this.spanId,
      parentSpanId: this.parentSpanId,
      name: this.name,
      kind: this.kind,
      startTime: this.startTime,
      endTime: nowMs(),
      status: this.status,
      ...(this.statusMessage === undefined ? {} : { statusMessage: this.statusMessage }),
      attributes: this.attributes,
    });
  }
}
