// The char scan behind the text features: one pass over the lower-cased text finds the words (the
// classes of `wordPattern`, read from a table), rolls their FNV-1a hashes forward without slicing
// strings, then hashes the character 3–5-grams of the padded, whitespace-collapsed text. Counts go into
// the scan's count table (feature-table.ts), a pass of its own after each kind of feature is hashed.
import { charClass, charClassTable, letterClass, numberClass, spaceClass } from './char-classes.js';
import { type FeatureCounts, type FeatureScan, finishScan, startScan } from './feature-table.js';

export { type FeatureCounts, type FeatureScan, keptPosition, keptScan } from './feature-table.js';

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

// Imported bindings read once (a transpiled import is a property read per use in a hot loop).
const classTable = charClassTable;
const classOf = charClass;

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

/** A feature hash reduced to an index: (hash >>> 0) % dimension, by mask where that is a power of two. */
export function reduceHash(hash: number, dimension: number): number {
  return (dimension & (dimension - 1)) === 0 ? hash & (dimension - 1) : (hash >>> 0) % dimension;
}

/**
 * The end of the token (a word of `wordPattern`, else one character) that starts at `i` in `lower`, a
 * non-space there: what the scan finds at `i` in a text that ends where `lower` ends.
 */
export function tokenEnd(lower: string, i: number): number {
  return classAt(lower, i) & wordClass ? wordEnd(lower, i) : i + widthAt(lower, i);
}

/** Whether `lower[i]` (read as the scan reads it, surrogate pairs whole) is whitespace. */
export function spaceAt(lower: string, i: number): boolean {
  return (classAt(lower, i) & spaceClass) !== 0;
}

/** The word feature's hash ('w:' + the token lower[start, end)), as the scan rolls it. */
export function wordHash(lower: string, start: number, end: number): number {
  let word = wordPrefix;
  for (let k = start; k < end; k++) word = Math.imul(word ^ lower.charCodeAt(k), prime);
  return word;
}

/** The bigram feature's hash after a token whose running 'b:' hash is `previous` (sentenceStart: the first). */
export function bigramHash(previous: number, lower: string, start: number, end: number): number {
  let bigram = Math.imul(previous ^ space, prime);
  for (let k = start; k < end; k++) bigram = Math.imul(bigram ^ lower.charCodeAt(k), prime);
  return bigram;
}

/** The running 'b:' + token hash of lower[start, end) (the next token's bigram and '</s>' start from it). */
export function nextHash(lower: string, start: number, end: number): number {
  let next = bigramPrefix;
  for (let k = start; k < end; k++) next = Math.imul(next ^ lower.charCodeAt(k), prime);
  return next;
}

/** The hash of the bigram feature '<last word> </s>', from the last word's running 'b:' hash. */
export function lastBigramHash(previous: number): number {
  return fnvMore(Math.imul(previous ^ space, prime), '</s>');
}

/** The hash of the length-bucket feature of a text of `words` words. */
export function lengthHash(words: number): number {
  return lengthHashes[Math.min(6, Math.floor(Math.log2(1 + words)))];
}

/** The running 'b:' hash of a text with no words (its '</s>' bigram starts there). */
export const noWordHash = sentenceStart;

/**
 * A weight table to touch while scanning: as each feature's index is hashed the scan reads its row's first
 * number, so the cache misses of the rows overlap the hashing of the following features instead of
 * waiting in the weight pass after the scan (which then reads cached rows). Reads only; no result changes.
 */
export interface RowsToTouch {
  numbers: Int16Array;
  /** Numbers per row. */
  stride: number;
}

const noRows = new Int16Array(1);
/** Keeps the touches from being optimised away. */
export let touchSink = 0;
const lengthIndex = new Int32Array(1);

// The table's probe loop is here, beside its caller: in feature-table.ts (a call across modules, four per
// scan) the scan measured 1.6-2.8 % slower (bench/guard/classifier-scan.ts, same run; A/A 0.99-1.00).
/**
 * Counts `value` for each feature index of list[from, to), in order, and replaces each index there with
 * its first-seen position.
 */
function countIndices(scan: FeatureScan, list: Int32Array, from: number, to: number, value: number): void {
  const { slots, slotShift: shift, indexBits, stamp, counts, touched } = scan;
  const slotMask = (slots.length >>> 1) - 1;
  const tag = stamp << indexBits;
  let count = scan.count;
  // No check for a full table here (feature-table.ts tableFull): in this loop it cost 8-10 % of the scan.
  for (let g = from; g < to; g++) {
    const index = list[g];
    const tagged = index | tag;
    let slot = Math.imul(index, 0x9e3779b1) >>> shift;
    for (;;) {
      const key = slots[2 * slot];
      if (key === tagged) {
        const position = slots[2 * slot + 1];
        counts[position] += value;
        list[g] = position;
        break;
      }
      if (key < tag) {
        slots[2 * slot] = tagged;
        slots[2 * slot + 1] = count;
        touched[count] = index;
        list[g] = count;
        counts[count++] = value;
        break;
      }
      slot = (slot + 1) & slotMask;
    }
  }
  scan.count = count;
}

/**
 * The text's raw feature counts, in the order the word/n-gram definition first meets them (the order in
 * which the old dense scratch array recorded them, so that sums over them round the same). `keep`: scan
 * into the kept buffers, which piece-features.ts reads until the next kept scan.
 */
export function countFeatures(
  text: string,
  dimension: number,
  keep = false,
  rowsToTouch?: RowsToTouch,
): FeatureCounts {
  // (hash >>> 0) % dimension, as a mask where the dimension is a power of two (a float modulo otherwise).
  const mask = (dimension & (dimension - 1)) === 0 ? dimension - 1 : -1;
  const lower = text.slice(0, maximumFeatureCharacters).toLowerCase();
  const n = lower.length;
  const scan = startScan(keep, n, dimension);
  // Each feature's weight row is touched as its index is known (stride 0, no table: one number).
  const rows = rowsToTouch ? rowsToTouch.numbers : noRows;
  const rowStride = rowsToTouch ? rowsToTouch.stride : 0;
  let touch = 0;
  // Words, as lower.match(wordPattern): the same indices as featureHash('w:' + word) and
  // featureHash('b:' + previous + ' ' + word), listed in wordIndices and counted after the loop. The same
  // loop lays out the units of the character n-grams, ' ' + lower.replace(/\s+/g, ' ') + ' ': a token's
  // code units as they are, a whitespace run (never a surrogate) as one space.
  const { wordStart, wordEnd: wordEnds, wordAt, bigramAt, wordNext, wordIndices } = scan;
  const text16 = scan.units;
  const unitOf = scan.unitOf;
  let length = 0;
  text16[length++] = space;
  let inSpace = false;
  let previous = sentenceStart;
  let words = 0;
  for (let i = 0; i < n; ) {
    const bits = classAt(lower, i);
    if (bits & spaceClass) {
      if (!inSpace) text16[length++] = space;
      inSpace = true;
      unitOf[i++] = length - 1;
      continue;
    }
    inSpace = false;
    const end = bits & wordClass ? wordEnd(lower, i) : i + widthAt(lower, i);
    let word = wordPrefix;
    let bigram = Math.imul(previous ^ space, prime);
    let next = bigramPrefix;
    for (let k = i; k < end; k++) {
      const unit = lower.charCodeAt(k);
      word = Math.imul(word ^ unit, prime);
      bigram = Math.imul(bigram ^ unit, prime);
      next = Math.imul(next ^ unit, prime);
      text16[length] = unit;
      unitOf[k] = length++;
    }
    const wordIndex = mask >= 0 ? word & mask : (word >>> 0) % dimension;
    const bigramIndex = mask >= 0 ? bigram & mask : (bigram >>> 0) % dimension;
    touch |= rows[wordIndex * rowStride] | rows[bigramIndex * rowStride];
    wordIndices[2 * words] = wordIndex;
    wordIndices[2 * words + 1] = bigramIndex;
    wordStart[words] = i;
    wordEnds[words] = end;
    wordNext[words] = next;
    previous = next;
    words++;
    i = end;
  }
  wordIndices[2 * words] = reduceHash(lastBigramHash(previous), dimension);
  countIndices(scan, wordIndices, 0, 2 * words + 1, 1);
  for (let w = 0; w < words; w++) {
    wordAt[w] = wordIndices[2 * w];
    bigramAt[w] = wordIndices[2 * w + 1];
  }
  text16[length++] = space;
  // First the n-grams' indices (into ngramAt, which the count below replaces with positions), each row
  // touched as its index is known: a loop of arithmetic and independent loads, so the core keeps many of
  // the rows' cache misses in flight at once. Where five units follow, the 3-, 4- and 5-gram come from
  // one chain of multiplications (unrolled).
  const ngramAt = scan.ngramAt;
  let i = 0;
  for (; i + 5 <= length; i++) {
    const two = Math.imul(Math.imul(fnvOffset ^ text16[i], prime) ^ text16[i + 1], prime);
    const three = Math.imul(two ^ text16[i + 2], prime);
    const four = Math.imul(three ^ text16[i + 3], prime);
    const five = Math.imul(four ^ text16[i + 4], prime);
    const index3 = mask >= 0 ? three & mask : (three >>> 0) % dimension;
    const index4 = mask >= 0 ? four & mask : (four >>> 0) % dimension;
    const index5 = mask >= 0 ? five & mask : (five >>> 0) % dimension;
    ngramAt[3 * i] = index3;
    ngramAt[3 * i + 1] = index4;
    ngramAt[3 * i + 2] = index5;
    touch |= rows[index3 * rowStride] | rows[index4 * rowStride] | rows[index5 * rowStride];
  }
  for (; i + 3 <= length; i++) {
    let hash = fnvOffset;
    for (let k = 0; k < length - i; k++) {
      hash = Math.imul(hash ^ text16[i + k], prime);
      if (k < 2) continue;
      const index = mask >= 0 ? hash & mask : (hash >>> 0) % dimension;
      ngramAt[3 * i + k - 2] = index;
      touch |= rows[index * rowStride];
    }
  }
  touchSink |= touch;
  // In the order of first sight (by start, then size): every start has three n-grams except the last
  // two, which have two and one (ngramAt[3 * (length - 4) + 2] is not one).
  if (length >= 4) {
    countIndices(scan, ngramAt, 0, 3 * (length - 4) + 2, 0.5);
    countIndices(scan, ngramAt, 3 * (length - 3), 3 * (length - 3) + 1, 0.5);
  } else if (length === 3) countIndices(scan, ngramAt, 0, 1, 0.5);
  // Length is a confounder in the data, so it gets only coarse buckets.
  lengthIndex[0] = reduceHash(lengthHash(words), dimension);
  countIndices(scan, lengthIndex, 0, 1, 1);
  scan.text = text;
  scan.lower = lower;
  scan.dimension = dimension;
  scan.unitLength = length;
  scan.words = words;
  finishScan(scan);
  return { count: scan.count, indices: scan.touched, counts: scan.counts };
}
