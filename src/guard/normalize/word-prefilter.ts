// A cheap, exact pre-check for the guard's phrase patterns. Most of them start with `\b` and a word
// (`\b(?:murder|kidnap|…)`, `\bhow to\b`): such a pattern can only match where a word of the text begins
// with one of its leading literal stems. One scan of the text records the (ASCII, lower-cased) prefixes
// of its words, up to `stemLength` characters, as bits of a hashed set; a pattern none of whose stems is
// there cannot match, so its regex is not run (the answer is `null`, as the regex would have said). A
// pattern whose start cannot be read this way (no leading `\b`, a class, a lookaround, an optional first
// atom, the `u` and `i` flags together) always runs. Hash collisions only make a pattern run in vain:
// every result is the regex's own.

/** Stems are compared on their first characters only (a shorter stem: all of it). */
const stemLength = 6;
const setBits = 1 << 16;
const fnvOffset = 0x811c9dc5;
const prime = 0x01000193;

function isWordUnit(unit: number): boolean {
  return (
    (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57) || unit === 95
  );
}

function lowerUnit(unit: number): number {
  return unit >= 65 && unit <= 90 ? unit + 32 : unit;
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

/**
 * Stems of the sequence `source[from, to)`: every match of it starts with one of them. Undefined when
 * some alternative may start otherwise (or with an empty literal).
 */
function sequenceStems(source: string, from: number, to: number): string[] | undefined {
  if (from >= to) return undefined;
  if (source[from] === '(') {
    const close = closingParen(source, from);
    if (close < 0 || close >= to) return undefined;
    const after = source[close + 1];
    // An optional group may be skipped; a lookaround or a named group is not read.
    if (after === '?' || after === '*' || after === '{') return undefined;
    let inner = from + 1;
    if (source[inner] === '?') {
      if (source[inner + 1] !== ':') return undefined;
      inner += 2;
    }
    const stems: string[] = [];
    for (const [start, end] of alternatives(source, inner, close)) {
      const found = sequenceStems(source, start, end);
      if (!found) return undefined;
      stems.push(...found);
    }
    return stems;
  }
  const { stem } = leadingLiteral(source, from);
  return stem.length > 0 ? [stem] : undefined;
}

/** The stems a pattern's matches must start with at a word start, or undefined when it cannot be told. */
export function leadingStems(pattern: RegExp): string[] | undefined {
  const { source, flags } = pattern;
  if ((flags.includes('u') || flags.includes('v')) && flags.includes('i')) return undefined;
  if (flags.includes('y') || flags.includes('m') || !source.startsWith('\\b')) return undefined;
  // A top-level `|` would put the leading `\b` on the first alternative only.
  if (alternatives(source, 0, source.length).length > 1) return undefined;
  return sequenceStems(source, 2, source.length);
}

function stemHash(stem: string): number {
  let hash = fnvOffset;
  for (let i = 0; i < Math.min(stem.length, stemLength); i++)
    hash = Math.imul(hash ^ lowerUnit(stem.charCodeAt(i)), prime);
  return (hash >>> 0) & (setBits - 1);
}

/** Per pattern: the hashes of its stems, or null (always run). */
const stemHashes = new WeakMap<RegExp, Int32Array | null>();

function hashesOf(pattern: RegExp): Int32Array | null {
  let hashes = stemHashes.get(pattern);
  if (hashes === undefined) {
    const stems = leadingStems(pattern);
    hashes = stems ? Int32Array.from(stems, stemHash) : null;
    stemHashes.set(pattern, hashes);
  }
  return hashes;
}

// Two texts are kept (callers alternate between a text and its lower-cased copy).
const slots = [
  { text: undefined as string | undefined, present: new Uint32Array(setBits >>> 5) },
  { text: undefined as string | undefined, present: new Uint32Array(setBits >>> 5) },
];
let older = 0;

/** The prefixes of every word of `text` (a run of [A-Za-z0-9_], as `\b` sees words), as set bits. */
function indexWords(text: string): Uint32Array {
  for (let j = 0; j < 2; j++) {
    if (slots[j].text !== text) continue;
    older = 1 - j;
    return slots[j].present;
  }
  const slot = slots[older];
  older = 1 - older;
  const present = slot.present;
  present.fill(0);
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!isWordUnit(text.charCodeAt(i))) continue;
    let hash = fnvOffset;
    let k = i;
    for (; k < n && k - i < stemLength; k++) {
      const unit = text.charCodeAt(k);
      if (!isWordUnit(unit)) break;
      hash = Math.imul(hash ^ lowerUnit(unit), prime);
      const bit = (hash >>> 0) & (setBits - 1);
      present[bit >>> 5] |= 1 << (bit & 31);
    }
    while (k < n && isWordUnit(text.charCodeAt(k))) k++;
    i = k;
  }
  slot.text = text;
  return present;
}

/** Whether `pattern` can match `text` at all by its stems (true: it may; false: it cannot). */
export function mayMatch(pattern: RegExp, text: string): boolean {
  const hashes = hashesOf(pattern);
  if (hashes === null) return true;
  const present = indexWords(text);
  for (let i = 0; i < hashes.length; i++) {
    const bit = hashes[i];
    if (present[bit >>> 5] & (1 << (bit & 31))) return true;
  }
  return false;
}

/**
 * pattern.exec(text), skipped where no word of the text can start a match (a global pattern's lastIndex
 * is then reset, as the failed search would have done).
 */
export function execWhereStems(pattern: RegExp, text: string): RegExpExecArray | null {
  if (mayMatch(pattern, text)) return pattern.exec(text);
  if (pattern.global) pattern.lastIndex = 0;
  return null;
}

/** pattern.test(text), skipped where no word of the text can start a match. */
export function testWhereStems(pattern: RegExp, text: string): boolean {
  return execWhereStems(pattern, text) !== null;
}
