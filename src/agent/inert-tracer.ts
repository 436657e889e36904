// When tracing is off, every span of a run shares the run span's ids and does nothing: the no-op
// tracer would still draw random ids for each span, a quarter of the loop's cost in the benchmark.
import type { Span, Tracer } from '../trace/index.js';

export function inertTracer(tracer: Tracer, runSpan: Span): Tracer {
  if (tracer.enabled) return tracer;
  const span: Span = {
    traceId: runSpan.traceId,
    spanId: runSpan.spanId,
    parentSpanId: null,
    name: runSpan.name,
    ended: false,
    setAttribute: () => span,
    setAttributes: () => span,
    recordError: () => span,
    end: () => {},
  };
  return { ...tracer, startSpan: () => span };
}
