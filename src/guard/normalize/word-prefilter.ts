// A cheap, exact pre-check for the guard's phrase patterns. Most of them start with `\b` and a word
// (`\b(?:murder|kidnap|…)`, `\bhow to\b`): such a pattern can only match where a word of the text begins
// with one of its leading literal stems. One scan of the text records the (ASCII, lower-cased) prefixes
// of its words, up to `stemLength` characters, as bits of a hashed set; a pattern none of whose stems is
// there cannot match, so its regex is not run (the answer is `null`, as the regex would have said). A
// pattern whose start cannot be read this way (no leading `\b`, a class, a lookaround, an optional first
// character, the `u` and `i` flags together, a top-level alternative without its own leading `\b`) always
// runs; an optional first group counts with its stems and those of what follows it (since guardlat12). Hash collisions only make a pattern run in vain: every result is the regex's own. Where a pattern
// may match, it is tried only at the word starts that hold one of its stems (stem-positions.ts).

import {
  candidateStarts,
  candidates,
  stemHash,
  stemIndex,
  stemLength,
  stickyCopy,
  wantStems,
} from './stem-positions.js';

function isWordUnit(unit: number): boolean {
  return (
    (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57) || unit === 95
  );
}

/** Where an alternative's leading literal word characters end: the index after them, and the stem. */
function leadingLiteral(source: string, at: number): { stem: string; next: number } {
  let stem = '';
  let i = at;
  while (i < source.length && isWordUnit(source.charCodeAt(i))) {
    const quantifier = source[i + 1];
    // A quantified character may be absent or repeated: the stem stops before it.
    if (quantifier === '?' || quantifier === '*' || quantifier === '+' || quantifier === '{') break;
    stem += source[i];
    i++;
  }
  return { stem, next: i };
}

/**
 * Walks `source[from, to)` outside escapes and character classes, calling `visit` with each `(`, `)`
 * or `|` and the group depth after it; stops early when `visit` returns true (its index is returned).
 */
function walkStructure(
  source: string,
  from: number,
  to: number,
  visit: (char: string, index: number, depth: number) => boolean,
): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < to; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(' || char === ')' || char === '|') {
      if (char === '(') depth++;
      else if (char === ')') depth--;
      if (visit(char, i, depth)) return i;
    }
  }
  return -1;
}

/** Index of the `)` closing the group that opens at `open` (a `(`), or -1. */
function closingParen(source: string, open: number): number {
  return walkStructure(source, open, source.length, (char, _, depth) => char === ')' && depth === 0);
}

/** Splits `source[from, to)` at its top-level `|`. */
function alternatives(source: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  walkStructure(source, from, to, (char, index, depth) => {
    if (char === '|' && depth === 0) {
      out.push([start, index]);
      start = index + 1;
    }
    return false;
  });
  out.push([start, to]);
  return out;
}

/** Whether the source at `at` ends a word: a literal space (not quantified) or a `\b`. */
function endsWord(source: string, at: number): boolean {
  if (source.startsWith('\\b', at)) return true;
  const quantifier = source[at + 1];
  return (
    source[at] === ' ' && quantifier !== '?' && quantifier !== '*' && quantifier !== '+' && quantifier !== '{'
  );
}

/**
 * Stems of the sequence `source[from, to)`: every match of it starts with one of them. Undefined when
 * some alternative may start otherwise (or with an empty literal). A stem of at most `stemLength`
 * characters that the pattern ends with a space or `\b` (read at `follow`, what comes after `to` in a
 * match, when the stem reaches `to`; -1: unknown) is a whole word: it is marked with a trailing space.
 */
function sequenceStems(source: string, from: number, to: number, follow: number): string[] | undefined {
  if (from >= to) return undefined;
  // A `\b` where the match starts (after the pattern's own) asserts what that one did: read past it.
  if (source.startsWith('\\b', from)) return sequenceStems(source, from + 2, to, follow);
  if (source[from] === '(') {
    const close = closingParen(source, from);
    if (close < 0 || close >= to) return undefined;
    const after = source[close + 1];
    // A repeated group may be skipped; a lookaround or a named group is not read.
    if (after === '*' || after === '{') return undefined;
    let inner = from + 1;
    if (source[inner] === '?') {
      if (source[inner + 1] !== ':') return undefined;
      inner += 2;
    }
    // What follows an alternative of the group in a match (unknown where the group may repeat).
    const next = after === '?' ? (source[close + 2] === '?' ? close + 3 : close + 2) : close + 1;
    const inside = after === '+' ? -1 : next < to ? next : follow;
    const stems: string[] = [];
    for (const [start, end] of alternatives(source, inner, close)) {
      const found = sequenceStems(source, start, end, inside);
      if (!found) return undefined;
      stems.push(...found);
    }
    if (after !== '?') return stems;
    // An optional group (`?`, or `??`): a match starts with one of its stems or, where it is skipped,
    // with one of the stems of what follows it.
    const rest = sequenceStems(source, next, to, follow);
    return rest && [...stems, ...rest];
  }
  const { stem, next } = leadingLiteral(source, from);
  if (stem.length === 0) return undefined;
  const end = next < to ? next : follow;
  const whole = stem.length <= stemLength && end >= 0 && endsWord(source, end);
  return [whole ? `${stem} ` : stem];
}

/** The stems of a pattern, whole words marked with a trailing space (hashed as whole words). */
function markedStems(pattern: RegExp): string[] | undefined {
  const { source, flags } = pattern;
  if ((flags.includes('u') || flags.includes('v')) && flags.includes('i')) return undefined;
  if (flags.includes('y') || flags.includes('m') || !source.startsWith('\\b')) return undefined;
  // A top-level `|`: every alternative must start with its own `\b` and stems (the match starts with one).
  const stems: string[] = [];
  for (const [start, end] of alternatives(source, 0, source.length)) {
    if (source.slice(start, start + 2) !== '\\b') return undefined;
    const found = sequenceStems(source, start + 2, end, -1);
    if (!found) return undefined;
    stems.push(...found);
  }
  return stems;
}

/** The stems a pattern's matches must start with at a word start, or undefined when it cannot be told. */
export function leadingStems(pattern: RegExp): string[] | undefined {
  return markedStems(pattern)?.map((stem) => stem.trimEnd());
}

/** Per pattern: the hashes of its stems, or null (always run). */
const stemHashes = new WeakMap<RegExp, Int32Array | null>();

/** Where to list each pattern met from now on (tests compare each with its plain regex). */
let recording: RegExp[] | undefined;

/** Starts listing the patterns these functions meet for the first time; the list fills as they do. */
export function recordPatterns(): RegExp[] {
  recording = [];
  return recording;
}

function hashesOf(pattern: RegExp): Int32Array | null {
  let hashes = stemHashes.get(pattern);
  if (hashes === undefined) {
    const stems = markedStems(pattern);
    hashes = stems ? Int32Array.from(stems, stemHash) : null;
    if (hashes) wantStems(hashes);
    stemHashes.set(pattern, hashes);
    recording?.push(pattern);
  }
  return hashes;
}

/** Whether `pattern` can match `text` at all by its stems (true: it may; false: it cannot). */
export function mayMatch(pattern: RegExp, text: string): boolean {
  const hashes = hashesOf(pattern);
  if (hashes === null) return true;
  const present = stemIndex(text).present;
  for (let i = 0; i < hashes.length; i++) {
    const bit = hashes[i];
    if (present[bit >>> 5] & (1 << (bit & 31))) return true;
  }
  return false;
}

/**
 * pattern.exec(text), skipped where no word of the text can start a match (a global pattern's lastIndex
 * is then reset, as the failed search would have done), and tried only at the word starts that can
 * start one where there are few (stem-positions.ts): the same match, and the same lastIndex after it.
 */
export function execWhereStems(pattern: RegExp, text: string): RegExpExecArray | null {
  const hashes = hashesOf(pattern);
  if (hashes === null) return pattern.exec(text);
  const index = stemIndex(text);
  const present = index.present;
  let any = false;
  for (let i = 0; i < hashes.length && !any; i++) {
    const bit = hashes[i];
    any = (present[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
  const global = pattern.global;
  if (!any) {
    if (global) pattern.lastIndex = 0;
    return null;
  }
  // A global pattern searches from its lastIndex (past the end: no match, lastIndex reset).
  const from = global ? pattern.lastIndex : 0;
  const count = from > text.length ? -1 : candidateStarts(index, hashes, from);
  if (count < 0) return pattern.exec(text);
  const starts = candidates();
  const sticky = stickyCopy(pattern);
  for (let c = 0; c < count; c++) {
    sticky.lastIndex = starts[c];
    const match = sticky.exec(text);
    if (match) {
      if (global) pattern.lastIndex = sticky.lastIndex;
      return match;
    }
  }
  if (global) pattern.lastIndex = 0;
  return null;
}

/** pattern.test(text), skipped where no word of the text can start a match. */
export function testWhereStems(pattern: RegExp, text: string): boolean {
  return execWhereStems(pattern, text) !== null;
}
