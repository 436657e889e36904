// The byte layout of persisted in-memory indexes: a JSON header part, then each typed array's bytes
// split into parts of at most 32 MiB (a row each in the store; no single value near a database's size
// limit). Each kind of index carries its own format version: a snapshot of another version is refused
// (SnapshotFormatError), and the caller rebuilds the index from its rows instead of misreading it.
// An array stored as a single aligned part is decoded as a view of that part, not a copy.

const partBytes = 32 * 1024 * 1024;

type ArrayKind = 'int32' | 'float32' | 'uint32' | 'int8' | 'uint8';
export type TypedArray = Int32Array | Float32Array | Uint32Array | Int8Array | Uint8Array;

export interface SnapshotHeader {
  version: number;
  kind: string;
  arrays: { name: string; type: ArrayKind; length: number }[];
  [key: string]: unknown;
}

/** A snapshot of another format version or kind: not an error to show, a reason to rebuild. */
export class SnapshotFormatError extends Error {
  constructor(kind: string, found: unknown) {
    super(`The stored ${kind} index snapshot has an unknown format (${JSON.stringify(found)}).`);
  }
}

const kindOf = (array: TypedArray): ArrayKind =>
  array instanceof Int32Array
    ? 'int32'
    : array instanceof Float32Array
      ? 'float32'
      : array instanceof Int8Array
        ? 'int8'
        : array instanceof Uint8Array
          ? 'uint8'
          : 'uint32';

export function encodeParts(
  header: { kind: string; version: number; [key: string]: unknown },
  arrays: Record<string, TypedArray>,
): Uint8Array[] {
  const list = Object.entries(arrays).map(([name, array]) => ({
    name,
    type: kindOf(array),
    length: array.length,
  }));
  const parts: Uint8Array[] = [Buffer.from(JSON.stringify({ ...header, arrays: list }))];
  for (const array of Object.values(arrays)) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let offset = 0; offset < bytes.length; offset += partBytes)
      parts.push(bytes.subarray(offset, Math.min(bytes.length, offset + partBytes)));
  }
  return parts;
}

export function decodeParts(
  parts: readonly Uint8Array[],
  kind: string,
  version: number,
): { header: SnapshotHeader; arrays: Map<string, TypedArray> } {
  let header: SnapshotHeader;
  try {
    header = JSON.parse(Buffer.from(parts[0]).toString('utf8')) as SnapshotHeader;
  } catch {
    throw new SnapshotFormatError(kind, 'no header');
  }
  if (header.version !== version || header.kind !== kind)
    throw new SnapshotFormatError(kind, { version: header.version, kind: header.kind });
  const arrays = new Map<string, TypedArray>();
  let part = 1;
  for (const { name, type, length } of header.arrays) {
    const Type =
      type === 'int32'
        ? Int32Array
        : type === 'float32'
          ? Float32Array
          : type === 'int8'
            ? Int8Array
            : type === 'uint8'
              ? Uint8Array
              : Uint32Array;
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    const first = parts[part];
    // An array that is exactly one part owning its whole buffer (as SQLite's blobs arrive) is used
    // where it lies, no copy; a part sharing its buffer (a pooled Buffer) is copied, so that a caller
    // reading `array.buffer` sees the array's bytes only.
    if (
      first &&
      length > 0 &&
      first.byteOffset === 0 &&
      first.byteLength === byteLength &&
      first.buffer.byteLength === byteLength
    ) {
      arrays.set(name, new Type(first.buffer as ArrayBuffer, first.byteOffset, length));
      part++;
      continue;
    }
    const array = new Type(length);
    const bytes = new Uint8Array(array.buffer);
    for (let offset = 0; offset < bytes.length; part++) {
      const chunk = parts[part];
      if (!chunk || offset + chunk.length > bytes.length)
        throw new SnapshotFormatError(kind, 'missing parts');
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    arrays.set(name, array);
  }
  return { header, arrays };
}
