// The char scan behind the text features: one pass over the lower-cased text finds the words (the
// classes of `wordPattern`, read from a table), rolls their FNV-1a hashes forward without slicing
// strings, then hashes the character 3–5-grams of the padded, whitespace-collapsed text. Counts go into
// a small open-addressing table (a kilobyte has a few thousand features; a dense count array of the whole
// dimension is half a megabyte read at random, which a loaded machine keeps out of cache).
import { charClass, charClassTable, letterClass, numberClass, spaceClass } from './char-classes.js';

/** Long inputs are read up to this many characters: the head of a prompt carries the attack. */
export const maximumFeatureCharacters = 4000;

/** The words of the text (what the scan finds, in this order): kept as the definition. */
export const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

const fnvOffset = 0x811c9dc5;
const prime = 0x01000193;
/** FNV-1a continued over `text`: featureHash(a + b) = fnvMore(fnvMore(offset, a), b), without the string. */
function fnvMore(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, prime);
  }
  return hash;
}
const wordPrefix = fnvMore(fnvOffset, 'w:');
const bigramPrefix = fnvMore(fnvOffset, 'b:');
const sentenceStart = fnvMore(bigramPrefix, '<s>');
const space = 32;
const apostrophe = 0x27;
const rightQuote = 0x2019;
const wordClass = letterClass | numberClass;
/** featureHash('len:' + bucket) before the modulo, for buckets 0..6. */
const lengthHashes = Array.from({ length: 7 }, (_, bucket) => fnvMore(fnvOffset, `len:${bucket}`));

/** A text's raw feature counts, indices in first-seen order (module buffers: valid until the next call). */
export interface FeatureCounts {
  count: number;
  indices: Int32Array;
  counts: Float64Array;
}

// Imported bindings read once (a transpiled import is a property read per use in a hot loop).
const classTable = charClassTable;
const classOf = charClass;
// At most 2 bumps per word, 3 per character n-gram start and 2 more per text: 5 per character of the
// lower-cased text (which can be longer than the text: "İ" lower-cases to two code units).
let touched = new Int32Array(5 * maximumFeatureCharacters + 16);
let touchedCount = 0;
/** Counts per feature in first-seen order: multiples of 0.5, exact. */
let counts = new Float64Array(touched.length);
/**
 * Feature index → first-seen position, open addressing (a few thousand features of a kilobyte stay in a
 * table that fits the core's cache, where a dense count array of the whole dimension is half a megabyte
 * read at random).
 */
let slotKeys = new Int32Array(1 << 13).fill(-1);
let slotPositions = new Int32Array(1 << 13);
let slotShift = 32 - 13;
/** The slot of each first-seen feature, to empty the table afterwards. */
let slotOf = new Int32Array(touched.length);
/** The padded, whitespace-collapsed text whose n-grams are hashed. */
let units = new Uint16Array(maximumFeatureCharacters + 2);

function reserve(characters: number): void {
  if (units.length < characters + 2) units = new Uint16Array(characters + 2);
  const bumps = 5 * characters + 16;
  if (touched.length < bumps) {
    touched = new Int32Array(bumps);
    counts = new Float64Array(bumps);
    slotOf = new Int32Array(bumps);
  }
  // At most half full: no probe runs long, and the table never grows during a scan.
  let bits = 13;
  while (1 << (bits - 1) < bumps) bits++;
  if (slotKeys.length < 1 << bits) {
    slotKeys = new Int32Array(1 << bits).fill(-1);
    slotPositions = new Int32Array(1 << bits);
    slotShift = 32 - bits;
  }
}

function bump(index: number, value: number): void {
  const mask = slotKeys.length - 1;
  let slot = Math.imul(index, 0x9e3779b1) >>> slotShift;
  for (;;) {
    const key = slotKeys[slot];
    if (key === index) {
      counts[slotPositions[slot]] += value;
      return;
    }
    if (key === -1) break;
    slot = (slot + 1) & mask;
  }
  slotKeys[slot] = index;
  slotPositions[slot] = touchedCount;
  slotOf[touchedCount] = slot;
  touched[touchedCount] = index;
  counts[touchedCount++] = value;
}

function unitClass(unit: number): number {
  const bits = classTable[unit];
  return bits === 0 ? classOf(unit) : bits;
}

function classAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return classOf(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
  }
  return unitClass(unit);
}

function widthAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return 1;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

/** End of the word that starts at `i` (a letter or number there): `[\p{L}\p{N}]+(?:['’][\p{L}]+)?`. */
function wordEnd(lower: string, i: number): number {
  const n = lower.length;
  let end = i + widthAt(lower, i);
  while (end < n && classAt(lower, end) & wordClass) end += widthAt(lower, end);
  const unit = end + 1 < n ? lower.charCodeAt(end) : 0;
  if (unit === apostrophe || unit === rightQuote) {
    let k = end + 1;
    while (k < n && classAt(lower, k) & letterClass) k += widthAt(lower, k);
    if (k > end + 1) end = k;
  }
  return end;
}

/**
 * The text's raw feature counts, in the order the word/n-gram definition first meets them (the order in
 * which the old dense scratch array recorded them, so that sums over them round the same).
 */
export function countFeatures(text: string, dimension: number): FeatureCounts {
  touchedCount = 0;
  // (hash >>> 0) % dimension, as a mask where the dimension is a power of two (a float modulo otherwise).
  const mask = (dimension & (dimension - 1)) === 0 ? dimension - 1 : -1;
  const reduce = (hash: number) => (mask >= 0 ? hash & mask : (hash >>> 0) % dimension);
  const lower = text.slice(0, maximumFeatureCharacters).toLowerCase();
  const n = lower.length;
  reserve(n);
  // Words, as lower.match(wordPattern): the same indices as featureHash('w:' + word) and
  // featureHash('b:' + previous + ' ' + word).
  let previous = sentenceStart;
  let words = 0;
  for (let i = 0; i < n; ) {
    const bits = classAt(lower, i);
    if (bits & spaceClass) {
      i += widthAt(lower, i);
      continue;
    }
    const end = bits & wordClass ? wordEnd(lower, i) : i + widthAt(lower, i);
    let word = wordPrefix;
    let bigram = Math.imul(previous ^ space, prime);
    let next = bigramPrefix;
    for (let k = i; k < end; k++) {
      const unit = lower.charCodeAt(k);
      word = Math.imul(word ^ unit, prime);
      bigram = Math.imul(bigram ^ unit, prime);
      next = Math.imul(next ^ unit, prime);
    }
    bump(reduce(word), 1);
    bump(reduce(bigram), 1);
    previous = next;
    words++;
    i = end;
  }
  bump(reduce(fnvMore(Math.imul(previous ^ space, prime), '</s>')), 1);
  // Character n-grams of ' ' + lower.replace(/\s+/g, ' ') + ' '.
  let length = 0;
  units[length++] = space;
  let inSpace = false;
  for (let i = 0; i < n; i++) {
    const unit = lower.charCodeAt(i);
    if (unitClass(unit) & spaceClass) {
      if (!inSpace) units[length++] = space;
      inSpace = true;
    } else {
      units[length++] = unit;
      inSpace = false;
    }
  }
  units[length++] = space;
  // The bump inlined, over local copies of the table (this loop makes three quarters of the bumps).
  const keys = slotKeys;
  const positions = slotPositions;
  const shift = slotShift;
  const slotMask = keys.length - 1;
  const text16 = units;
  let count = touchedCount;
  for (let i = 0; i + 3 <= length; i++) {
    let hash = fnvOffset;
    const size = Math.min(5, length - i);
    for (let k = 0; k < size; k++) {
      hash = Math.imul(hash ^ text16[i + k], prime);
      if (k < 2) continue;
      const index = mask >= 0 ? hash & mask : (hash >>> 0) % dimension;
      let slot = Math.imul(index, 0x9e3779b1) >>> shift;
      for (;;) {
        const key = keys[slot];
        if (key === index) {
          counts[positions[slot]] += 0.5;
          break;
        }
        if (key === -1) {
          keys[slot] = index;
          positions[slot] = count;
          slotOf[count] = slot;
          touched[count] = index;
          counts[count++] = 0.5;
          break;
        }
        slot = (slot + 1) & slotMask;
      }
    }
  }
  touchedCount = count;
  // Length is a confounder in the data, so it gets only coarse buckets.
  bump(reduce(lengthHashes[Math.min(6, Math.floor(Math.log2(1 + words)))]), 1);
  for (let t = 0; t < touchedCount; t++) slotKeys[slotOf[t]] = -1;
  return { count: touchedCount, indices: touched, counts };
}
