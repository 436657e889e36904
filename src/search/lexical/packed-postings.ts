// BM25 postings packed for snapshots: each term's slots (ascending) as gaps in LEB128 varints (one
// byte for most gaps of frequent terms), term frequencies as one byte each when all are whole numbers
// under 256 (float32 otherwise). About 2.3 bytes a posting instead of 8, so a 1M-chunk index reads
// ~0.1 GB from the store instead of ~0.36 GB; a term's list is unpacked only when first used.
import type { Bm25State } from './bm25-state.js';

export interface PackedPostings {
  /** Every term's slot gaps, as varints, one term after another. */
  slotBytes: Uint8Array;
  /** Where each term's gaps start in `slotBytes` (one more entry than terms). */
  slotOffsets: Float64Array;
  /** Term frequencies in posting order, all terms concatenated. */
  frequencies: Uint8Array | Float32Array;
  /** Where each term's frequencies start (cumulative posting counts, one more entry than terms). */
  frequencyOffsets: Float64Array;
}

export function packPostings(state: Bm25State): PackedPostings {
  const { postingCounts, slots, frequencies } = state;
  let small = true;
  for (const tf of frequencies)
    if (!(tf >= 0 && tf < 256 && Number.isInteger(tf))) {
      small = false;
      break;
    }
  const frequencyOffsets = cumulative(postingCounts);
  let bytes = new Uint8Array(Math.max(64, slots.length * 2));
  let position = 0;
  const slotOffsets = new Float64Array(postingCounts.length + 1);
  for (let termId = 0; termId < postingCounts.length; termId++) {
    slotOffsets[termId] = position;
    let previous = 0;
    const end = frequencyOffsets[termId + 1];
    for (let index = frequencyOffsets[termId]; index < end; index++) {
      let gap = slots[index] - previous;
      if (gap < 0 || (index > frequencyOffsets[termId] && gap === 0))
        throw new Error('BM25 postings must be in ascending slot order to be packed');
      previous = slots[index];
      if (position + 5 > bytes.length) {
        const larger = new Uint8Array(bytes.length * 2);
        larger.set(bytes);
        bytes = larger;
      }
      while (gap >= 0x80) {
        bytes[position++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      bytes[position++] = gap;
    }
  }
  slotOffsets[postingCounts.length] = position;
  return {
    slotBytes: bytes.slice(0, position),
    slotOffsets,
    frequencies: small ? Uint8Array.from(frequencies) : frequencies,
    frequencyOffsets,
  };
}

/**
 * Writes term `termId`'s `count` postings into `slots` and `frequencies`: posting `i`'s slot at
 * `slotStart + i * stride`, its frequency at `frequencyStart + i * stride` (stride 2 fills an interleaved
 * slot/tf arena whose two views share one buffer).
 */
export function unpackPostings(
  packed: PackedPostings,
  termId: number,
  count: number,
  slots: Int32Array,
  frequencies: Float32Array,
  slotStart = 0,
  frequencyStart = 0,
  stride = 1,
): void {
  const bytes = packed.slotBytes;
  let position = packed.slotOffsets[termId];
  let slot = 0;
  for (let index = 0; index < count; index++) {
    let byte = bytes[position++];
    let gap = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      byte = bytes[position++];
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    }
    slot += gap;
    slots[slotStart + index * stride] = slot;
  }
  const first = packed.frequencyOffsets[termId];
  const tfs = packed.frequencies;
  if (stride === 1) frequencies.set(tfs.subarray(first, first + count), frequencyStart);
  else
    for (let index = 0; index < count; index++)
      frequencies[frequencyStart + index * stride] = tfs[first + index];
}

export function cumulative(counts: Int32Array): Float64Array {
  const offsets = new Float64Array(counts.length + 1);
  for (let index = 0; index < counts.length; index++) offsets[index + 1] = offsets[index] + counts[index];
  return offsets;
}
