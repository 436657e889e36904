import type { Store } from '../../store/index.js';
import { type BatchingSink, createBatchingSink } from './batching-sink.js';

/** Writes spans to the store's spans table, in batches. */
export function storeSink(
  store: Pick<Store, 'spans'>,
  options: { flushIntervalMs?: number } = {},
): BatchingSink {
  return createBatchingSink({
    name: 'store',
    exportBatch: (spans) => store.spans.saveSpans(spans),
    ...options,
  });
}
