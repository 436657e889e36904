// Usage rows go to SQLite off the request path: buffered, then written in one transaction per
// batch, on a timer or when the batch is full. close() writes what is left.
import type { GatewayUsageRecord, GatewayUsageRepository } from '../../store/index.js';

export interface UsageRecorder {
  record(row: GatewayUsageRecord): void;
  /** Writes buffered rows now. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Rows written since start; rows dropped because the database failed. */
  readonly written: number;
  readonly failed: number;
}

export interface UsageRecorderOptions {
  repository: GatewayUsageRepository;
  flushIntervalMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

export function createUsageRecorder({
  repository,
  flushIntervalMs = 1_000,
  batchSize = 500,
  onError,
}: UsageRecorderOptions): UsageRecorder {
  let buffer: GatewayUsageRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let written = 0;
  let failed = 0;

  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      await repository.saveUsage(batch);
      written += batch.length;
    } catch (error) {
      failed += batch.length;
      onError?.(error);
    }
  }

  return {
    record(row) {
      buffer.push(row);
      if (buffer.length >= batchSize) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushIntervalMs);
        timer.unref();
      }
    },
    flush,
    close: flush,
    get written() {
      return written;
    },
    get failed() {
      return failed;
    },
  };
}
