// The stored forms of the two persisted indexes: BM25's lives beside the index (src/search/lexical/
// bm25-snapshot.ts, format 2); the quantized index's is here (format 1: its arrays as they are). Both
// use src/search/snapshot's parts layout: a JSON header, then typed arrays in parts of at most 32 MiB.
import { decodeBm25, encodeBm25 } from '../../search/lexical/index.js';
import { decodeParts, encodeParts } from '../../search/snapshot/index.js';
import type { QuantizedState } from '../vector/index.js';

export { decodeBm25, encodeBm25 };

const quantizedVersion = 1;

export function encodeQuantized(state: QuantizedState): Uint8Array[] {
  return encodeParts(
    { kind: 'quantized', version: quantizedVersion, dimension: state.dimension },
    { ids: state.ids, codes: state.codes, scalars: state.scalars, scales: state.scales },
  );
}

export function decodeQuantized(parts: readonly Uint8Array[]): QuantizedState {
  const { header, arrays } = decodeParts(parts, 'quantized', quantizedVersion);
  return {
    dimension: header.dimension as number,
    ids: arrays.get('ids') as Int32Array,
    codes: arrays.get('codes') as Uint32Array,
    scalars: arrays.get('scalars') as Int8Array,
    scales: arrays.get('scales') as Float32Array,
  };
}
