// Where a phrase pattern can start, found once per text for all the patterns (word-prefilter.ts): one scan
// records each word start of the text under the hashes of its (ASCII, lower-cased) prefixes, as lists
// of positions. A pattern that begins with `\b` and a literal stem can only match at a word start whose
// prefix has one of the pattern's stem hashes, so instead of scanning the whole text the pattern is tried
// only there, in increasing order, with a sticky copy of itself: the first position where it matches is
// the leftmost match, and a sticky run from a position finds the same match as the search would from
// there (the same backtracking, the same text around it). Hash collisions only add positions to try.
// A pattern with many candidate positions (a stem like "the") is searched as before.

/** Stems are compared on their first characters only (word-prefilter.ts hashes the same way). */
export const stemLength = 6;
export const setBits = 1 << 16;
const fnvOffset = 0x811c9dc5;
const prime = 0x01000193;

/**
 * Above this many candidate positions a pattern is searched over the whole text instead: a sticky run
 * per position costs a call each, a search one call.
 */
export const maximumCandidates = 32;

function isWordUnit(unit: number): boolean {
  return (
    (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57) || unit === 95
  );
}

function lowerUnit(unit: number): number {
  return unit >= 65 && unit <= 90 ? unit + 32 : unit;
}

/**
 * The hash of a stem's first `stemLength` characters, lower-cased, reduced to the set's size. A stem
 * marked with a trailing space (at most stemLength characters before it) is a whole word: its hash takes
 * one more step (`wholeWord`), which the index records only for words of that exact length.
 */
export function stemHash(stem: string): number {
  const whole = stem.endsWith(' ');
  const length = whole ? stem.length - 1 : stem.length;
  let hash = fnvOffset;
  for (let i = 0; i < Math.min(length, stemLength); i++)
    hash = Math.imul(hash ^ lowerUnit(stem.charCodeAt(i)), prime);
  if (whole) hash = wholeWord(hash);
  return (hash >>> 0) & (setBits - 1);
}

/** The step that ends a whole word's hash (a 0 unit, which no word has). */
function wholeWord(hash: number): number {
  return Math.imul(hash, prime);
}

/**
 * One text's word starts by prefix hash: `first[bucket]` is the latest entry of a bucket (-1: none),
 * `next[entry]` the one before it, `position[entry]` its word start. Entries are added in increasing
 * position, so a bucket's list runs from the last word start to the first.
 */
export interface StemIndex {
  text: string | undefined;
  /** Another text with the same index (the same word units at the same places, equal lower-cased). */
  alias: string | undefined;
  first: Int32Array;
  next: Int32Array;
  position: Int32Array;
  entries: number;
  /** The buckets set by this text (to empty `first` before the next). */
  used: Int32Array;
  usedCount: number;
  /** The bit set of the present buckets (as word-prefilter.ts reads it). */
  present: Uint32Array;
}

function newIndex(): StemIndex {
  return {
    text: undefined,
    alias: undefined,
    first: new Int32Array(setBits).fill(-1),
    next: new Int32Array(1024),
    position: new Int32Array(1024),
    entries: 0,
    used: new Int32Array(1024),
    usedCount: 0,
    present: new Uint32Array(setBits >>> 5),
  };
}

// Two texts are kept (callers alternate between a text and its lower-cased copy).
const slots = [newIndex(), newIndex()];
let older = 0;

/**
 * The buckets of some pattern's stems: only these are recorded (most word prefixes start no pattern, and
 * each recorded one is a write at random into the bucket table).
 */
const wanted = new Uint32Array(setBits >>> 5);

/** Marks a pattern's stem hashes as wanted; the kept indexes are then rebuilt (they may lack them). */
export function wantStems(hashes: Int32Array): void {
  let added = false;
  for (let i = 0; i < hashes.length; i++) {
    const bucket = hashes[i];
    if (wanted[bucket >>> 5] & (1 << (bucket & 31))) continue;
    wanted[bucket >>> 5] |= 1 << (bucket & 31);
    added = true;
  }
  if (added)
    for (const slot of slots) {
      slot.text = undefined;
      slot.alias = undefined;
    }
}

function grow(index: StemIndex, entries: number): void {
  if (index.next.length >= entries) return;
  const size = Math.max(entries, 2 * index.next.length);
  const next = new Int32Array(size);
  next.set(index.next);
  const position = new Int32Array(size);
  position.set(index.position);
  const used = new Int32Array(size);
  used.set(index.used);
  Object.assign(index, { next, position, used });
}

/** Whether two texts have the same word units at the same places, equal once lower-cased (one index). */
function sameWords(a: string, b: string): boolean {
  const n = a.length;
  if (b.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const wx = isWordUnit(x);
    if (wx !== isWordUnit(y) || (wx && lowerUnit(x) !== lowerUnit(y))) return false;
  }
  return true;
}

/**
 * The index of `text`'s word starts (a word: a run of [A-Za-z0-9_], as `\b` sees words), under the
 * wanted buckets only (`wantStems`: every stem of a pattern asked about so far).
 */
export function stemIndex(text: string): StemIndex {
  for (let j = 0; j < 2; j++) {
    if (slots[j].text !== text && slots[j].alias !== text) continue;
    older = 1 - j;
    return slots[j];
  }
  // A text and its lower-cased copy usually index alike: then the newer index serves both.
  const newer = slots[1 - older];
  if (newer.text !== undefined && sameWords(newer.text, text)) {
    newer.alias = text;
    return newer;
  }
  const index = slots[older];
  index.alias = undefined;
  older = 1 - older;
  const { first, present } = index;
  for (let u = 0; u < index.usedCount; u++) first[index.used[u]] = -1;
  present.fill(0);
  index.entries = 0;
  index.usedCount = 0;
  const n = text.length;
  // An entry per character of a word's first stemLength, and one for a whole word of at most stemLength:
  // at most one per character of the word and the character after it (n + 1 for the text).
  grow(index, n + 1);
  const { next, position, used } = index;
  for (let i = 0; i < n; i++) {
    if (!isWordUnit(text.charCodeAt(i))) continue;
    let hash = fnvOffset;
    let k = i;
    for (; k <= n && k - i <= stemLength; k++) {
      const unit = k < n ? text.charCodeAt(k) : 0;
      const word = k < n && isWordUnit(unit);
      // Past the word's end within stemLength characters: its whole-word entry, then on.
      if (!word || k - i === stemLength) {
        if (!word) hash = wholeWord(hash);
        else break;
      } else hash = Math.imul(hash ^ lowerUnit(unit), prime);
      const bucket = (hash >>> 0) & (setBits - 1);
      if ((wanted[bucket >>> 5] & (1 << (bucket & 31))) !== 0) {
        const entry = index.entries++;
        if (first[bucket] === -1) used[index.usedCount++] = bucket;
        next[entry] = first[bucket];
        position[entry] = i;
        first[bucket] = entry;
        present[bucket >>> 5] |= 1 << (bucket & 31);
      }
      if (!word) break;
    }
    while (k < n && isWordUnit(text.charCodeAt(k))) k++;
    i = k;
  }
  index.text = text;
  return index;
}

let found = new Int32Array(64);

/**
 * The word starts at or after `from` whose prefix hashes to one of `hashes`, ascending and distinct, in
 * `found` (returned count); -1 when there are more than `maximumCandidates` (the caller then searches).
 */
export function candidateStarts(index: StemIndex, hashes: Int32Array, from: number): number {
  let count = 0;
  for (let h = 0; h < hashes.length; h++) {
    for (let entry = index.first[hashes[h]]; entry !== -1; entry = index.next[entry]) {
      const start = index.position[entry];
      if (start < from) break;
      if (count === maximumCandidates) return -1;
      if (count === found.length) {
        const larger = new Int32Array(2 * count);
        larger.set(found);
        found = larger;
      }
      found[count++] = start;
    }
  }
  // Insertion sort (a handful of positions), then drop repeats.
  for (let a = 1; a < count; a++) {
    const value = found[a];
    let b = a - 1;
    while (b >= 0 && found[b] > value) {
      found[b + 1] = found[b];
      b--;
    }
    found[b + 1] = value;
  }
  let distinct = 0;
  for (let a = 0; a < count; a++)
    if (distinct === 0 || found[distinct - 1] !== found[a]) found[distinct++] = found[a];
  return distinct;
}

/** The positions that candidateStarts found (valid until its next call). */
export function candidates(): Int32Array {
  return found;
}

const stickyCopies = new WeakMap<RegExp, RegExp>();

/** A sticky, non-global copy of `pattern` (the same source and other flags). */
export function stickyCopy(pattern: RegExp): RegExp {
  let copy = stickyCopies.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`);
    stickyCopies.set(pattern, copy);
  }
  return copy;
}
