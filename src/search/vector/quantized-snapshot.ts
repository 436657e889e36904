// The stored form of the quantized index (format 2): a JSON header, the coarse quantizer's centroids
// when trained, then for each block of slots its ids, scales, codes, int8 vectors and (trained) list
// numbers, one part each (at most 32 MiB: see blockSizeFor). Decoding makes typed-array views over
// the loaded parts rather than copies, so opening a 1M-vector snapshot touches its 420 MB once (as
// SQLite hands it over) instead of copying it again. Format 1 (whole arrays cut into 32 MiB parts, no
// IVF) and anything inconsistent is refused with SnapshotFormatError: the caller rebuilds from rows.
import { SnapshotFormatError } from '../snapshot/index.js';
import type { QuantizedBlock, QuantizedState } from './quantized-blocks.js';

export const quantizedSnapshotVersion = 2;

type ViewType = Int32Array | Uint32Array | Int8Array | Float32Array | Uint16Array;
type ViewConstructor<T extends ViewType> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  BYTES_PER_ELEMENT: number;
};

const bytesOf = (array: ViewType) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

export function encodeQuantized(state: QuantizedState): Uint8Array[] {
  const header = {
    kind: 'quantized',
    version: quantizedSnapshotVersion,
    dimension: state.dimension,
    blockSize: state.blockSize,
    blocks: state.blocks.map((block) => block.ids.length),
    coarse: state.coarse ? { groups: state.coarse.groups, perGroup: state.coarse.perGroup } : null,
  };
  const parts: Uint8Array[] = [Buffer.from(JSON.stringify(header))];
  if (state.coarse) parts.push(bytesOf(state.coarse.top), bytesOf(state.coarse.leaves));
  for (const block of state.blocks) {
    parts.push(bytesOf(block.ids), bytesOf(block.scales), bytesOf(block.codes), bytesOf(block.scalars));
    if (state.coarse) {
      if (!block.lists) throw new Error('A trained quantized index block has no lists.');
      parts.push(bytesOf(block.lists));
    }
  }
  return parts;
}

/** A view of `part` as `length` elements of `type` (a copy only when the part is misaligned). */
function view<T extends ViewType>(part: Uint8Array | undefined, type: ViewConstructor<T>, length: number): T {
  if (!part || part.byteLength !== length * type.BYTES_PER_ELEMENT)
    throw new SnapshotFormatError('quantized', 'a part of the wrong size');
  if (part.byteOffset % type.BYTES_PER_ELEMENT === 0) return new type(part.buffer, part.byteOffset, length);
  const copy = new type(length);
  new Uint8Array(copy.buffer).set(part);
  return copy;
}

export function decodeQuantized(parts: readonly Uint8Array[]): QuantizedState {
  let header: {
    kind?: unknown;
    version?: unknown;
    dimension: number;
    blockSize: number;
    blocks: number[];
    coarse: { groups: number; perGroup: number } | null;
  };
  try {
    header = JSON.parse(Buffer.from(parts[0]).toString('utf8'));
  } catch {
    throw new SnapshotFormatError('quantized', 'no header');
  }
  if (header.kind !== 'quantized' || header.version !== quantizedSnapshotVersion)
    throw new SnapshotFormatError('quantized', { version: header.version, kind: header.kind });
  const { dimension, blockSize, blocks: sizes, coarse } = header;
  const valid =
    Number.isInteger(dimension) &&
    dimension > 0 &&
    Number.isInteger(Math.log2(blockSize)) &&
    Array.isArray(sizes) &&
    sizes.every(
      (size, index) => size === blockSize || (index === sizes.length - 1 && size > 0 && size <= blockSize),
    );
  if (!valid) throw new SnapshotFormatError('quantized', 'inconsistent block sizes');
  const words = Math.ceil(dimension / 32);
  let part = 1;
  const state: QuantizedState = { dimension, blockSize, blocks: [] };
  if (coarse) {
    const lists = coarse.groups * coarse.perGroup;
    state.coarse = {
      groups: coarse.groups,
      perGroup: coarse.perGroup,
      top: view(parts[part++], Float32Array, coarse.groups * dimension),
      leaves: view(parts[part++], Float32Array, lists * dimension),
    };
  }
  for (const size of sizes) {
    const block: QuantizedBlock = {
      ids: view(parts[part++], Int32Array, size),
      scales: view(parts[part++], Float32Array, size),
      codes: view(parts[part++], Uint32Array, size * words),
      scalars: view(parts[part++], Int8Array, size * dimension),
    };
    if (coarse) {
      block.lists = view(parts[part++], Uint16Array, size);
      const lists = coarse.groups * coarse.perGroup;
      for (const list of block.lists)
        if (list >= lists) throw new SnapshotFormatError('quantized', 'a list out of range');
    }
    state.blocks.push(block);
  }
  if (part !== parts.length) throw new SnapshotFormatError('quantized', 'extra parts');
  return state;
}
