// Buffers finished spans and exports them in batches, off the hot path: when the batch is full or
// after a short interval. Export failures are reported once per burst, never thrown at the caller.
import type { SpanRecord } from '../../store/index.js';
import type { SpanSink } from '../tracer.js';

export interface BatchingSinkOptions {
  name: string;
  exportBatch: (spans: SpanRecord[]) => Promise<void>;
  maxBatchSize?: number;
  flushIntervalMs?: number;
  /** Spans beyond this many waiting are dropped (and counted) rather than growing memory without bound. */
  maxQueueSize?: number;
  onError?: (error: unknown) => void;
}

export interface BatchingSink extends SpanSink {
  readonly dropped: number;
}

export function createBatchingSink({
  name,
  exportBatch,
  maxBatchSize = 256,
  flushIntervalMs = 250,
  maxQueueSize = 20_000,
  onError = (error) =>
    process.stderr.write(`gantry: ${name} span export failed: ${(error as Error).message}\n`),
}: BatchingSinkOptions): BatchingSink {
  let queue: SpanRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let dropped = 0;

  const drain = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (queue.length === 0) return inFlight;
    const batch = queue;
    queue = [];
    inFlight = inFlight.then(() => exportBatch(batch)).catch(onError);
    return inFlight;
  };

  return {
    get dropped() {
      return dropped;
    },
    write(span) {
      if (queue.length >= maxQueueSize) {
        dropped++;
        return;
      }
      queue.push(span);
      if (queue.length >= maxBatchSize) void drain();
      else if (!timer) {
        timer = setTimeout(drain, flushIntervalMs);
        timer.unref();
      }
    },
    flush: drain,
    close: drain,
  };
}
