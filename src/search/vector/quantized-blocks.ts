// The quantized index's storage helpers: how many vectors a block holds, the Hamming distance of
// two binary codes, and growing a typed array.

const blockBytes = 32 * 1024 * 1024;

/** Vectors per block: the largest power of two whose rescoring copy fits in 32 MiB (at most 65,536). */
export function blockSizeFor(dimension: number, bytesPerComponent: number): number {
  let size = 65_536;
  while (size > 64 && size * dimension * bytesPerComponent > blockBytes) size /= 2;
  return size;
}

/** Hamming distance between the code at `offset` of `codes` and `code`, over `words` 32-bit words. */
export function popcountDistance(
  codes: Uint32Array,
  offset: number,
  code: Uint32Array,
  words: number,
): number {
  let distance = 0;
  for (let word = 0; word < words; word++) {
    let value = (codes[offset + word] ^ code[word]) >>> 0;
    value -= (value >>> 1) & 0x55555555;
    value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
    distance += (Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
  }
  return distance;
}

/** A copy of `array` with room for `length` elements. */
export function grown<T extends Int32Array | Uint32Array | Int8Array | Float32Array | Uint16Array>(
  array: T,
  length: number,
): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
