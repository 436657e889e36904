import type { Store } from '../../store/index.js';
import { type BatchingSink, createBatchingSink } from './batching-sink.js';

/** Writes spans to the store's spans table, in batches. */
export function storeSink(
  store: Pick<Store, 'spans'>,
  options: { flushIntervalMs?: number } = {},
): BatchingSink {
  const sink = createBatchingSink({
    name: 'store',
    exportBatch: (spans) => store.spans.saveSpans(spans),
    ...options,
  });
  // The tracer learns which store it writes to (Tracer.storeSpans).
  return Object.assign(sink, { storeSpans: store.spans });
}
