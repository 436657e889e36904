export { createConfiguredTracer } from './create-configured-tracer.js';
export { formatTraceTree, type TraceTotals, traceTotals } from './format-trace-tree.js';
export { GenAI, type GenAIOperation } from './gen-ai-attributes.js';
export { newSpanId, newTraceId } from './ids.js';
export { type BatchingSink, type BatchingSinkOptions, createBatchingSink } from './sinks/batching-sink.js';
export { consoleSink } from './sinks/console-sink.js';
export { type OtlpSinkOptions, otlpSink, toOtlpRequest } from './sinks/otlp-sink.js';
export { storeSink } from './sinks/store-sink.js';
export {
  type AttributeValue,
  nowMs,
  type Span,
  type SpanStartOptions,
} from './span.js';
export { createTracer, type EndedSpan, noopTracer, type SpanSink, type Tracer } from './tracer.js';
