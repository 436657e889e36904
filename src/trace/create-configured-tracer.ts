import type { GantryConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { consoleSink } from './sinks/console-sink.js';
import { otlpSink } from './sinks/otlp-sink.js';
import { storeSink } from './sinks/store-sink.js';
import { createTracer, noopTracer, type SpanSink, type Tracer } from './tracer.js';

/** The tracer described by config.tracing: spans to the store, plus OTLP and the console when set. */
export function createConfiguredTracer(
  config: Pick<GantryConfig, 'tracing'>,
  store: Pick<Store, 'spans'>,
): Tracer {
  const { enabled, otlpEndpoint, otlpHeaders, console, sampleRatio } = config.tracing;
  if (!enabled) return noopTracer;
  const sinks: SpanSink[] = [storeSink(store)];
  if (otlpEndpoint) sinks.push(otlpSink({ endpoint: otlpEndpoint, headers: otlpHeaders }));
  if (console) sinks.push(consoleSink());
  return createTracer({ sinks, sampleRatio });
}
