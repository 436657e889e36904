// A token's first features read only the token itself (tokenOwnRows: its word, shape, affixes, length,
// sentence start and common-word flags), so the tagger's three running sums after them, bias first and
// each weight added in order, are the same numbers wherever the same token comes again ("the", ",",
// a name said twice). They are kept in a small direct-mapped table per model, keyed on every field
// those features read (compared in full, so a hit is exact and never a hash collision), and a token
// found there starts its sums from them: the same additions in the same order, so the same scores to
// the bit, without reading those rows again.
import type { PreparedTokens } from './token-features.js';

const slotBits = 12;
/**
 * A slot is one 64-byte cache line: six key words (Int32), then the three sums (Float64, at bytes 24–47)
 * through a second view of the same buffer.
 */
const slotInts = 16;
const slotFloats = 8;
const sumsAt = 3;

export interface OwnSums {
  /** Per slot: word, shape, prefix, suffix3, suffix2 hashes and the packed flags with the era (0: empty). */
  keys: Int32Array;
  /** The same buffer: per slot, the three running sums after the token's own features. */
  sums: Float64Array;
  /**
   * Slots written before this era are empty (forgetOwnSums): emptying the table costs no new memory and
   * no pass over it.
   */
  era: number;
  /**
   * Bit `slot` set: the slot was written in this era. 512 bytes, so a token of a new text learns that
   * its slot is empty without a cache miss on the table (most tokens of a first text).
   */
  written: Int32Array;
}

export function createOwnSums(): OwnSums {
  const buffer = new ArrayBuffer((1 << slotBits) * slotInts * 4);
  return {
    keys: new Int32Array(buffer),
    sums: new Float64Array(buffer),
    era: 1,
    written: new Int32Array((1 << slotBits) >>> 5),
  };
}

/** Empties the table: no slot holds a token afterwards. */
export function forgetOwnSums(cache: OwnSums): void {
  cache.era++;
  cache.written.fill(0);
  // The era takes the flags' upper 23 bits; past them, the table is zeroed and the eras start again.
  if (cache.era >= 1 << 23) {
    cache.keys.fill(0);
    cache.era = 1;
  }
}

/** length (0..12), sentence start, capitalised and common in one number. */
function packedFlags(prepared: PreparedTokens, i: number): number {
  return (
    prepared.length[i] |
    (prepared.sentenceStart[i] << 4) |
    (prepared.capitalised[i] << 5) |
    (prepared.common[i] << 6)
  );
}

/** Token i's slot. */
export function ownSlot(prepared: PreparedTokens, i: number): number {
  let h = Math.imul(prepared.word[i] ^ (packedFlags(prepared, i) | 128), 0x9e3779b1);
  h = Math.imul(h ^ prepared.shape[i] ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ prepared.suffix3[i] ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> (32 - slotBits);
}

/** Whether `slot` holds token i's own sums (every key field equal, written in this era). */
export function holdsToken(cache: OwnSums, slot: number, prepared: PreparedTokens, i: number): boolean {
  if (((cache.written[slot >>> 5] >>> (slot & 31)) & 1) === 0) return false;
  const keys = cache.keys;
  const at = slot * slotInts;
  return (
    keys[at] === (prepared.word[i] | 0) &&
    keys[at + 1] === (prepared.shape[i] | 0) &&
    keys[at + 2] === (prepared.prefix[i] | 0) &&
    keys[at + 3] === (prepared.suffix3[i] | 0) &&
    keys[at + 4] === (prepared.suffix2[i] | 0) &&
    keys[at + 5] === (packedFlags(prepared, i) | (cache.era << 8))
  );
}

/** The sums kept in `slot` (holdsToken), class c's at ownSumAt(slot) + c of cache.sums. */
export function ownSumAt(slot: number): number {
  return slot * slotFloats + sumsAt;
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
  cache.written[slot >>> 5] |= 1 << (slot & 31);
  const at = slot * slotInts;
  cache.keys[at] = prepared.word[i];
  cache.keys[at + 1] = prepared.shape[i];
  cache.keys[at + 2] = prepared.prefix[i];
  cache.keys[at + 3] = prepared.suffix3[i];
  cache.keys[at + 4] = prepared.suffix2[i];
  cache.keys[at + 5] = packedFlags(prepared, i) | (cache.era << 8);
  const sums = slot * slotFloats + sumsAt;
  cache.sums[sums] = s0;
  cache.sums[sums + 1] = s1;
  cache.sums[sums + 2] = s2;
}
