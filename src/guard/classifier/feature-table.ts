// The record of a feature scan (feature-scan.ts) and the state of its count table: the buffers, the
// kept scan that piece-features.ts reads, and the stamps that let the table go unemptied between scans.
// Each feature index met gets its first-seen position, and its count is kept by position. The table is
// open addressing: a kilobyte has a few thousand features, which stay in a table that fits the core's
// cache (a dense count array of the whole dimension is half a megabyte read at random, which a loaded
// machine keeps out of cache). Its probe loop, countIndices, is in feature-scan.ts beside its caller.
import { GantryError } from '../../errors/index.js';

/** A text's raw feature counts, indices in first-seen order (module buffers: valid until the next call). */
export interface FeatureCounts {
  count: number;
  indices: Int32Array;
  counts: Float64Array;
}

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
   * Feature index → first-seen position, open addressing, at most half full. Slot s holds its key at 2s
   * and its position at 2s + 1: a probe reads one cache line. A key is the index with the scan's stamp in
   * the bits above it (`indexBits`), so that a slot an earlier scan filled reads as empty: the table is
   * filled with 0 (no stamp) only when it is made, when the stamps run out or when the index bits change.
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
  /** The word features' indices in the order they are counted: word, bigram, ..., then '</s>'. */
  wordIndices: Int32Array;
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
    wordIndices: new Int32Array(0),
  };
}

/** Buffers of every scan but the kept one. */
const scratch = newScan();
/** The kept scan (`keep`): its count table stays filled, so that piece-features.ts can look indices up. */
const kept = newScan();
let keptValid = false;

/**
 * The buffers for a scan of `characters` code units at `dimension`, its count table empty (a new
 * stamp). `keep`: the kept scan's, which is then invalid until finishScan.
 */
export function startScan(keep: boolean, characters: number, dimension: number): FeatureScan {
  const scan = keep ? kept : scratch;
  if (keep) keptValid = false;
  reserve(scan, characters);
  nextStamp(scan, dimension);
  scan.count = 0;
  return scan;
}

/** Marks a kept scan as describing its text. */
export function finishScan(scan: FeatureScan): void {
  if (scan !== kept) return;
  keptValid = true;
  scan.generation++;
}

/** The kept scan, while it describes `text` at `dimension` (undefined otherwise). */
export function keptScan(text: string, dimension: number): FeatureScan | undefined {
  return keptValid && kept.text === text && kept.dimension === dimension ? kept : undefined;
}

/** The first-seen position of feature `index` in the kept scan, or -1. */
export function keptPosition(scan: FeatureScan, index: number): number {
  const { slots, indexBits, stamp } = scan;
  const mask = (slots.length >>> 1) - 1;
  const tag = stamp << indexBits;
  const tagged = index | tag;
  let slot = Math.imul(index, 0x9e3779b1) >>> scan.slotShift;
  for (let left = mask; ; left--) {
    const key = slots[2 * slot];
    if (key === tagged) return slots[2 * slot + 1];
    if (key < tag) return -1;
    if (left === 0) throw tableFull();
    slot = (slot + 1) & mask;
  }
}

/**
 * A table at most half full always has a free slot, as long as every key an earlier scan left is below
 * this scan's (the stamps only grow between fills): a lookup that finds none is a bug (an error, not a
 * hang).
 */
function tableFull(): Error {
  return new Error(
    'The feature scan found no free slot in its count table, which is kept at most half full: a bug in src/guard/classifier/feature-table.ts (its stamps); please report it.',
  );
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
    scan.wordIndices = new Int32Array(2 * characters + 1);
  }
  // At most 2 features per word, 3 per character n-gram start and 2 more per text: 5 per character of
  // the lower-cased text (which can be longer than the text: "İ" lower-cases to two code units).
  const features = 5 * characters + 16;
  if (scan.touched.length < features) {
    scan.touched = new Int32Array(features);
    scan.counts = new Float64Array(features);
  }
  // At most half full: no probe runs long, and the table never grows during a scan.
  let bits = 13;
  while (1 << (bits - 1) < features) bits++;
  if (scan.slots.length < 2 << bits) {
    scan.slots = new Int32Array(2 << bits);
    scan.slotShift = 32 - bits;
    scan.stamp = 0;
  }
}

/** Starts a scan's stamp for indices below `dimension` (see FeatureScan.slots). */
function nextStamp(scan: FeatureScan, dimension: number): void {
  const indexBits = dimension > 1 ? 32 - Math.clz32(dimension - 1) : 1;
  if (indexBits > 30)
    throw new GantryError(
      'GUARD_WEIGHTS_INVALID',
      `A hashed-feature model of dimension ${dimension} cannot be scored: the feature scan takes at most 2^30.`,
      {
        hint: 'Train the model with a smaller dimension (the shipped ones use 2^17).',
        details: { dimension },
      },
    );
  // Stamps 1 .. 2^(31 - indexBits) - 1 fit above the index, and a key of an earlier stamp (or 0) is
  // below every key of this one.
  if (indexBits !== scan.indexBits || scan.stamp >= 2 ** (31 - indexBits) - 1) {
    scan.slots.fill(0);
    scan.stamp = 0;
    scan.indexBits = indexBits;
  }
  scan.stamp++;
}
