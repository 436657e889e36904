// A token's first features read only the token itself (tokenOwnRows: its word, shape, affixes, length,
// sentence start and common-word flags), so the tagger's three running sums after them, bias first and
// each weight added in order, are the same numbers wherever the same token comes again ("the", ",",
// a name said twice). They are kept in a small direct-mapped table per model, keyed on every field
// those features read (compared in full, so a hit is exact and never a hash collision), and a token
// found there starts its sums from them: the same additions in the same order, so the same scores to
// the bit, without reading those rows again.
import type { PreparedTokens } from './token-features.js';

const slotBits = 12;
const keyWidth = 6;

export interface OwnSums {
  /** Per slot: word, shape, prefix, suffix3, suffix2 hashes and the packed flags (0: empty). */
  keys: Int32Array;
  /** Per slot: the three running sums after the token's own features. */
  sums: Float64Array;
}

export function createOwnSums(): OwnSums {
  return { keys: new Int32Array((1 << slotBits) * keyWidth), sums: new Float64Array((1 << slotBits) * 3) };
}

/** length (0..12), sentence start, capitalised and common in one number; bit 7 marks a filled slot. */
function packedFlags(prepared: PreparedTokens, i: number): number {
  return (
    prepared.length[i] |
    (prepared.sentenceStart[i] << 4) |
    (prepared.capitalised[i] << 5) |
    (prepared.common[i] << 6) |
    128
  );
}

/** Token i's slot. */
export function ownSlot(prepared: PreparedTokens, i: number): number {
  let h = Math.imul(prepared.word[i] ^ packedFlags(prepared, i), 0x9e3779b1);
  h = Math.imul(h ^ prepared.shape[i] ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ prepared.suffix3[i] ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> (32 - slotBits);
}

/** Whether `slot` holds token i's own sums (every key field equal). */
export function holdsToken(cache: OwnSums, slot: number, prepared: PreparedTokens, i: number): boolean {
  const keys = cache.keys;
  const at = slot * keyWidth;
  return (
    keys[at] === (prepared.word[i] | 0) &&
    keys[at + 1] === (prepared.shape[i] | 0) &&
    keys[at + 2] === (prepared.prefix[i] | 0) &&
    keys[at + 3] === (prepared.suffix3[i] | 0) &&
    keys[at + 4] === (prepared.suffix2[i] | 0) &&
    keys[at + 5] === packedFlags(prepared, i)
  );
}

/** Keeps token i's own sums in `slot` (replacing what it held). */
export function keepOwnSums(
  cache: OwnSums,
  slot: number,
  prepared: PreparedTokens,
  i: number,
  s0: number,
  s1: number,
  s2: number,
): void {
  const at = slot * keyWidth;
  cache.keys[at] = prepared.word[i];
  cache.keys[at + 1] = prepared.shape[i];
  cache.keys[at + 2] = prepared.prefix[i];
  cache.keys[at + 3] = prepared.suffix3[i];
  cache.keys[at + 4] = prepared.suffix2[i];
  cache.keys[at + 5] = packedFlags(prepared, i);
  cache.sums[slot * 3] = s0;
  cache.sums[slot * 3 + 1] = s1;
  cache.sums[slot * 3 + 2] = s2;
}
