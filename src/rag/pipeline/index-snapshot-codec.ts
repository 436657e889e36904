// The byte layout of persisted indexes: a JSON header part, then each typed array's bytes split into
// parts of at most 32 MiB (a row each in the store; no single value near a database's size limit). A
// BM25 index of 1M chunks is ~0.4 GB of postings; decoding copies each part once into its array and
// keeps nothing on the JavaScript heap but the term list and the ids.
import { GantryError } from '../../errors/index.js';
import type { Bm25State } from '../lexical/index.js';
import type { QuantizedState } from '../vector/index.js';

const partBytes = 32 * 1024 * 1024;
const version = 1;

type ArrayKind = 'int32' | 'float32' | 'uint32' | 'int8';
type Typed = Int32Array | Float32Array | Uint32Array | Int8Array;

interface Header {
  version: number;
  kind: 'bm25' | 'quantized';
  arrays: { name: string; type: ArrayKind; length: number }[];
  [key: string]: unknown;
}

function encode(header: Omit<Header, 'arrays' | 'version'>, arrays: Record<string, Typed>): Uint8Array[] {
  const list = Object.entries(arrays).map(([name, array]) => ({
    name,
    type: (array instanceof Int32Array
      ? 'int32'
      : array instanceof Float32Array
        ? 'float32'
        : array instanceof Int8Array
          ? 'int8'
          : 'uint32') as ArrayKind,
    length: array.length,
  }));
  const parts: Uint8Array[] = [Buffer.from(JSON.stringify({ ...header, version, arrays: list }))];
  for (const array of Object.values(arrays)) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let offset = 0; offset < bytes.length; offset += partBytes)
      parts.push(bytes.subarray(offset, Math.min(bytes.length, offset + partBytes)));
  }
  return parts;
}

function decode(
  parts: readonly Uint8Array[],
  kind: Header['kind'],
): { header: Header; arrays: Map<string, Typed> } {
  const header = JSON.parse(Buffer.from(parts[0]).toString('utf8')) as Header;
  if (header.version !== version || header.kind !== kind) {
    throw new GantryError('RAG_INDEX_EMPTY', `The stored ${kind} index snapshot has an unknown format.`, {
      hint: 'It is rebuilt from the stored chunks; nothing to do.',
      details: { version: header.version, kind: header.kind },
    });
  }
  const arrays = new Map<string, Typed>();
  let part = 1;
  for (const { name, type, length } of header.arrays) {
    const array =
      type === 'int32'
        ? new Int32Array(length)
        : type === 'float32'
          ? new Float32Array(length)
          : type === 'int8'
            ? new Int8Array(length)
            : new Uint32Array(length);
    const bytes = new Uint8Array(array.buffer);
    for (let offset = 0; offset < bytes.length; part++) {
      const chunk = parts[part];
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    arrays.set(name, array);
  }
  return { header, arrays };
}

export function encodeBm25(state: Bm25State): Uint8Array[] {
  const numeric = state.ids.every((id) => /^(0|[1-9]\d{0,9})$/.test(id) && Number(id) <= 2 ** 31 - 1);
  return encode(
    { kind: 'bm25', k1: state.k1, b: state.b, terms: state.terms, ...(numeric ? {} : { ids: state.ids }) },
    {
      postingCounts: state.postingCounts,
      slots: state.slots,
      frequencies: state.frequencies,
      lengths: state.lengths,
      ...(numeric ? { ids: Int32Array.from(state.ids, Number) } : {}),
    },
  );
}

export function decodeBm25(parts: readonly Uint8Array[]): Bm25State {
  const { header, arrays } = decode(parts, 'bm25');
  const numericIds = arrays.get('ids') as Int32Array | undefined;
  return {
    k1: header.k1 as number,
    b: header.b as number,
    terms: header.terms as string[],
    postingCounts: arrays.get('postingCounts') as Int32Array,
    slots: arrays.get('slots') as Int32Array,
    frequencies: arrays.get('frequencies') as Float32Array,
    lengths: arrays.get('lengths') as Int32Array,
    ids: numericIds ? Array.from(numericIds, String) : (header.ids as string[]),
  };
}

export function encodeQuantized(state: QuantizedState): Uint8Array[] {
  return encode(
    { kind: 'quantized', dimension: state.dimension },
    { ids: state.ids, codes: state.codes, scalars: state.scalars, scales: state.scales },
  );
}

export function decodeQuantized(parts: readonly Uint8Array[]): QuantizedState {
  const { header, arrays } = decode(parts, 'quantized');
  return {
    dimension: header.dimension as number,
    ids: arrays.get('ids') as Int32Array,
    codes: arrays.get('codes') as Uint32Array,
    scalars: arrays.get('scalars') as Int8Array,
    scales: arrays.get('scales') as Float32Array,
  };
}
