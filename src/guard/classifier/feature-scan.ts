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

/**
 * The buffers of one scan. Besides the counts, a scan records where each feature came from: the unit
 * (padded, collapsed text) position of each character, the first-seen position of each character n-gram
 * and each word's features. A text's pieces (toxicity reads sentences) are made of the same words and
 * n-grams, so their features can be read from this record instead of scanned again (piece-features.ts).
 */
export interface FeatureScan {
  /** Counts the kept scans (a reader's caches of a kept scan name it by this). */
  generation: number;
  /** The text scanned (before the cut at maximumFeatureCharacters) and its lower-cased prefix. */
  text: string;
  lower: string;
  dimension: number;
  count: number;
  /** Feature index by first-seen position (the count table's keys, in order). */
  touched: Int32Array;
  /** Counts per feature in first-seen order: multiples of 0.5, exact. */
  counts: Float64Array;
  /**
   * Feature index → first-seen position, open addressing (a few thousand features of a kilobyte stay in
   * a table that fits the core's cache, where a dense count array of the whole dimension is half a
   * megabyte read at random). Slot s holds its key at 2s and its position at 2s + 1: a probe reads one
   * cache line. A key is the index with the scan's stamp in the bits above it (`indexBits`), so that a
   * slot another scan filled reads as empty: the table is never emptied, only filled with 0 (no stamp)
   * when the stamps run out or the dimension's bits change.
   */
  slots: Int32Array;
  slotShift: number;
  indexBits: number;
  stamp: number;
  /** The padded, whitespace-collapsed text whose n-grams are hashed; `unitLength` units. */
  units: Uint16Array;
  unitLength: number;
  /** Per code unit of `lower`: its unit (a whitespace run's one space for each of its characters). */
  unitOf: Int32Array;
  /** Per unit position i: first-seen positions of the 3-, 4- and 5-gram starting there (3 numbers). */
  ngramAt: Int32Array;
  words: number;
  /** Per word: start and end in `lower`, first-seen positions of its word and bigram feature, and the
   * running 'b:' + word hash (the next word's bigram and the text's '</s>' start from it). */
  wordStart: Int32Array;
  wordEnd: Int32Array;
  wordAt: Int32Array;
  bigramAt: Int32Array;
  wordNext: Int32Array;
}

function newScan(): FeatureScan {
  return {
    generation: 0,
    text: '',
    lower: '',
    dimension: 0,
    count: 0,
    touched: new Int32Array(0),
    counts: new Float64Array(0),
    slots: new Int32Array(0),
    slotShift: 32,
    indexBits: 0,
    stamp: 0,
    units: new Uint16Array(0),
    unitLength: 0,
    unitOf: new Int32Array(0),
    ngramAt: new Int32Array(0),
    words: 0,
    wordStart: new Int32Array(0),
    wordEnd: new Int32Array(0),
    wordAt: new Int32Array(0),
    bigramAt: new Int32Array(0),
    wordNext: new Int32Array(0),
  };
}

/** Buffers of every scan but the kept one. */
const scratch = newScan();
/** The kept scan (`keep`): its count table stays filled, so that piece-features.ts can look indices up. */
const kept = newScan();
let keptValid = false;

/** The kept scan, while it describes `text` at `dimension` (undefined otherwise). */
export function keptScan(text: string, dimension: number): FeatureScan | undefined {
  return keptValid && kept.text === text && kept.dimension === dimension ? kept : undefined;
}

/** The first-seen position of feature `index` in the kept scan, or -1. */
export function keptPosition(scan: FeatureScan, index: number): number {
  const { slots, indexBits, stamp } = scan;
  const mask = (slots.length >>> 1) - 1;
  const tagged = index | (stamp << indexBits);
  let slot = Math.imul(index, 0x9e3779b1) >>> scan.slotShift;
  for (;;) {
    const key = slots[2 * slot];
    if (key === tagged) return slots[2 * slot + 1];
    if (key >>> indexBits !== stamp) return -1;
    slot = (slot + 1) & mask;
  }
}

function reserve(scan: FeatureScan, characters: number): void {
  if (scan.units.length < characters + 2) {
    scan.units = new Uint16Array(characters + 2);
    scan.unitOf = new Int32Array(characters + 2);
    scan.ngramAt = new Int32Array(3 * (characters + 2));
    scan.wordStart = new Int32Array(characters);
    scan.wordEnd = new Int32Array(characters);
    scan.wordAt = new Int32Array(characters);
    scan.bigramAt = new Int32Array(characters);
    scan.wordNext = new Int32Array(characters);
  }
  // At most 2 bumps per word, 3 per character n-gram start and 2 more per text: 5 per character of the
  // lower-cased text (which can be longer than the text: "İ" lower-cases to two code units).
  const bumps = 5 * characters + 16;
  if (scan.touched.length < bumps) {
    scan.touched = new Int32Array(bumps);
    scan.counts = new Float64Array(bumps);
  }
  // At most half full: no probe runs long, and the table never grows during a scan.
  let bits = 13;
  while (1 << (bits - 1) < bumps) bits++;
  if (scan.slots.length < 2 << bits) {
    scan.slots = new Int32Array(2 << bits);
    scan.slotShift = 32 - bits;
    scan.stamp = 0;
  }
}

/** Starts a scan's stamp for indices below `dimension` (see FeatureScan.slots). */
function nextStamp(scan: FeatureScan, dimension: number): void {
  const indexBits = dimension > 1 ? 32 - Math.clz32(dimension - 1) : 1;
  // Stamps 1 .. 2^(32 - indexBits) - 1 fit above the index (read back with >>>).
  if (indexBits !== scan.indexBits || scan.stamp >= 2 ** (32 - indexBits) - 1) {
    scan.slots.fill(0);
    scan.stamp = 0;
    scan.indexBits = indexBits;
  }
  scan.stamp++;
}

/** The rows countFeatures touches, for bump (set for the length of a scan; stride 0: no table). */
const noRows = new Int16Array(1);
let touchRows: Int16Array = noRows;
let touchStride = 0;
/** Keeps the touches from being optimised away. */
export let touchSink = 0;

/** Counts `value` for feature `index`; returns its first-seen position. */
function bump(scan: FeatureScan, index: number, value: number): number {
  const { slots, indexBits, stamp } = scan;
  const mask = (slots.length >>> 1) - 1;
  const tagged = index | (stamp << indexBits);
  let slot = Math.imul(index, 0x9e3779b1) >>> scan.slotShift;
  for (;;) {
    const key = slots[2 * slot];
    if (key === tagged) {
      const position = slots[2 * slot + 1];
      scan.counts[position] += value;
      return position;
    }
    if (key >>> indexBits !== stamp) break;
    slot = (slot + 1) & mask;
  }
  touchSink |= touchRows[index * touchStride];
  const position = scan.count++;
  slots[2 * slot] = tagged;
  slots[2 * slot + 1] = position;
  scan.touched[position] = index;
  scan.counts[position] = value;
  return position;
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
 * A weight table to touch while scanning: at each feature's first sight the scan reads its row's first
 * number, so the cache misses of the rows overlap the hashing of the following n-grams instead of
 * waiting in the weight pass after the scan (which then reads cached rows). Reads only; no result changes.
 */
export interface RowsToTouch {
  numbers: Int16Array;
  /** Numbers per row. */
  stride: number;
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
  const scan = keep ? kept : scratch;
  if (keep) keptValid = false;
  scan.count = 0;
  // (hash >>> 0) % dimension, as a mask where the dimension is a power of two (a float modulo otherwise).
  const mask = (dimension & (dimension - 1)) === 0 ? dimension - 1 : -1;
  const reduce = (hash: number) => (mask >= 0 ? hash & mask : (hash >>> 0) % dimension);
  const lower = text.slice(0, maximumFeatureCharacters).toLowerCase();
  const n = lower.length;
  reserve(scan, n);
  nextStamp(scan, dimension);
  // Without a table to touch, every touch reads one number (stride 0).
  touchRows = rowsToTouch ? rowsToTouch.numbers : noRows;
  touchStride = rowsToTouch ? rowsToTouch.stride : 0;
  // Words, as lower.match(wordPattern): the same indices as featureHash('w:' + word) and
  // featureHash('b:' + previous + ' ' + word).
  const { wordStart, wordEnd: wordEnds, wordAt, bigramAt, wordNext } = scan;
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
    wordStart[words] = i;
    wordEnds[words] = end;
    wordAt[words] = bump(scan, reduce(word), 1);
    bigramAt[words] = bump(scan, reduce(bigram), 1);
    wordNext[words] = next;
    previous = next;
    words++;
    i = end;
  }
  bump(scan, reduce(lastBigramHash(previous)), 1);
  // Character n-grams of ' ' + lower.replace(/\s+/g, ' ') + ' '.
  const text16 = scan.units;
  const unitOf = scan.unitOf;
  let length = 0;
  text16[length++] = space;
  let inSpace = false;
  for (let i = 0; i < n; i++) {
    const unit = lower.charCodeAt(i);
    if (unitClass(unit) & spaceClass) {
      if (!inSpace) text16[length++] = space;
      inSpace = true;
    } else {
      text16[length++] = unit;
      inSpace = false;
    }
    unitOf[i] = length - 1;
  }
  text16[length++] = space;
  // The bump inlined, over local copies of the table (this loop makes three quarters of the bumps).
  const slots = scan.slots;
  const shift = scan.slotShift;
  const slotMask = (slots.length >>> 1) - 1;
  const { counts, touched, ngramAt, indexBits, stamp } = scan;
  const tag = stamp << indexBits;
  let count = scan.count;
  const rows = touchRows;
  const rowStride = touchStride;
  let touch = 0;
  // First the n-grams' indices (into ngramAt, which the probes below then overwrite with positions), each
  // row touched as its index is known: a loop of arithmetic and independent loads, so the core keeps many
  // of the rows' cache misses in flight at once; the probes then find them cached.
  // Where five units follow, the 3-, 4- and 5-gram come from one chain of multiplications (unrolled).
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
  // Then the probes, in the order of first sight (by start, then size), as one flat loop over ngramAt:
  // every start has three n-grams except the last two, which have two and one (g = unused is skipped).
  const end = length >= 3 ? 3 * (length - 3) + 1 : 0;
  const unused = 3 * (length - 4) + 2;
  for (let g = 0; g < end; g++) {
    if (g === unused) continue;
    const index = ngramAt[g];
    const tagged = index | tag;
    let slot = Math.imul(index, 0x9e3779b1) >>> shift;
    for (;;) {
      const key = slots[2 * slot];
      if (key === tagged) {
        const position = slots[2 * slot + 1];
        counts[position] += 0.5;
        ngramAt[g] = position;
        break;
      }
      if (key >>> indexBits !== stamp) {
        slots[2 * slot] = tagged;
        slots[2 * slot + 1] = count;
        touched[count] = index;
        ngramAt[g] = count;
        counts[count++] = 0.5;
        break;
      }
      slot = (slot + 1) & slotMask;
    }
  }
  scan.count = count;
  touchSink |= touch;
  // Length is a confounder in the data, so it gets only coarse buckets.
  bump(scan, reduce(lengthHash(words)), 1);
  scan.text = text;
  scan.lower = lower;
  scan.dimension = dimension;
  scan.unitLength = length;
  scan.words = words;
  if (keep) {
    keptValid = true;
    scan.generation++;
  }
  return { count: scan.count, indices: scan.touched, counts: scan.counts };
}
