// Unicode classes of code points for the guard's char scans (feature hashing, the PII tokeniser): the
// answers of the very regular expressions those scans replace, remembered per BMP code point so that
// each class is looked up in a table instead of running a regular expression per character.

/** \p{L} */
export const letterClass = 1;
/** \p{N} */
export const numberClass = 2;
/** \s (the same set with and without the `u` flag) */
export const spaceClass = 4;
/** \p{Lu} */
export const upperClass = 8;
/** \p{Ll} */
export const lowerClass = 16;
/** \p{M} */
export const markClass = 32;
const known = 128;

const tests: [RegExp, number][] = [
  [/^\p{L}$/u, letterClass],
  [/^\p{N}$/u, numberClass],
  [/^\s$/u, spaceClass],
  [/^\p{Lu}$/u, upperClass],
  [/^\p{Ll}$/u, lowerClass],
  [/^\p{M}$/u, markClass],
];

function compute(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  let bits = 0;
  for (const [pattern, bit] of tests) if (pattern.test(char)) bits |= bit;
  return bits;
}

/**
 * Class bits per BMP code point, 0 until first asked (then `known` is set): hot loops read it directly
 * and call charClass only on a 0.
 */
export const charClassTable = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) charClassTable[code] = compute(code) | known;

/** The class bits of a code point (a lone surrogate is a code point of its own, as in `u` mode). */
export function charClass(codePoint: number): number {
  if (codePoint > 0xffff) return compute(codePoint);
  let bits = charClassTable[codePoint];
  if (bits === 0) {
    bits = compute(codePoint) | known;
    charClassTable[codePoint] = bits;
  }
  return bits;
}

/** The code point at `i` of `text` (a surrogate pair read as one; a lone surrogate as itself). */
export function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

/** text.match(/\S+/g)?.length ?? 0, without building the words. */
export function wordCount(text: string): number {
  // The prompt-task scan asks three times for the same text (the classifiers, the signals, the hostile
  // statement): remember the last answer.
  if (text === lastCounted) return lastCount;
  const table = charClassTable;
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const bits = table[unit];
    const space = ((bits === 0 ? charClass(unit) : bits) & spaceClass) !== 0;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  lastCounted = text;
  lastCount = count;
  return count;
}

let lastCounted: string | undefined;
let lastCount = 0;

/** Forgets wordCount's last text (benchmarks: a repeated text is counted again). */
export function clearWordCountCache(): void {
  lastCounted = undefined;
}
