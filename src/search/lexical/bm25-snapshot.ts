// The stored form of a BM25 index (format 2): terms as one UTF-8 string (newline-separated; analysed
// terms hold no whitespace), packed postings (packed-postings.ts), document lengths, and ids as int32
// when they are all row ids. Opening reads these arrays and decodes no posting until a query needs it.
// Format 1 (plain int32 slots and float32 frequencies, terms in the JSON header) is refused by version:
// the caller rebuilds the index from its rows.
import { decodeParts, encodeParts } from '../snapshot/index.js';
import type { Bm25PackedState, Bm25State } from './bm25-state.js';
import { cumulative, packPostings } from './packed-postings.js';

export const bm25SnapshotVersion = 2;

const numericId = /^(0|[1-9]\d{0,9})$/;

export function encodeBm25(state: Bm25State): Uint8Array[] {
  const numeric = state.ids.every((id) => numericId.test(id) && Number(id) <= 2 ** 31 - 1);
  const packed = packPostings(state);
  if (state.terms.some((term) => /\s/.test(term)))
    throw new Error('BM25 terms with whitespace cannot be stored in a snapshot');
  return encodeParts(
    {
      kind: 'bm25',
      version: bm25SnapshotVersion,
      k1: state.k1,
      b: state.b,
      termCount: state.terms.length,
      ...(numeric ? {} : { ids: state.ids }),
    },
    {
      terms: Buffer.from(state.terms.join('\n')),
      postingCounts: state.postingCounts,
      slotBytes: packed.slotBytes,
      slotOffsets: new Uint32Array(packed.slotOffsets),
      frequencies: packed.frequencies,
      lengths: state.lengths,
      ...(numeric ? { ids: Int32Array.from(state.ids, Number) } : {}),
    },
  );
}

export function decodeBm25(parts: readonly Uint8Array[]): Bm25PackedState {
  const { header, arrays } = decodeParts(parts, 'bm25', bm25SnapshotVersion);
  const termBytes = arrays.get('terms') as Uint8Array;
  const termCount = header.termCount as number;
  const terms =
    termCount === 0
      ? []
      : Buffer.from(termBytes.buffer, termBytes.byteOffset, termBytes.byteLength)
          .toString('utf8')
          .split('\n');
  const postingCounts = arrays.get('postingCounts') as Int32Array;
  const numericIds = arrays.get('ids') as Int32Array | undefined;
  return {
    k1: header.k1 as number,
    b: header.b as number,
    terms,
    postingCounts,
    packed: {
      slotBytes: arrays.get('slotBytes') as Uint8Array,
      slotOffsets: Float64Array.from(arrays.get('slotOffsets') as Uint32Array),
      frequencies: arrays.get('frequencies') as Uint8Array | Float32Array,
      frequencyOffsets: cumulative(postingCounts),
    },
    lengths: arrays.get('lengths') as Int32Array,
    ids: numericIds ? Array.from(numericIds, String) : (header.ids as string[]),
  };
}
