import type { SpanSink } from '../tracer.js';

/** Prints one line per finished span to standard error (for debugging). */
export function consoleSink(stream: NodeJS.WritableStream = process.stderr): SpanSink {
  return {
    write(span) {
      const ms = (span.endTime - span.startTime).toFixed(1);
      stream.write(`[span] ${span.traceId.slice(0, 8)} ${span.name} ${ms}ms ${span.status}\n`);
    },
    flush: async () => {},
    close: async () => {},
  };
}
