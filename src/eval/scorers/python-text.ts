// Python's notion of whitespace, word characters and decimal digits, for scorers that must agree
// with Python reference implementations. JavaScript's `\s` differs from `str.isspace()`: it counts
// U+FEFF as whitespace (Python does not) and misses U+001C–U+001F and U+0085 (Python splits on them).
// JavaScript's `\b` knows only ASCII word characters; Python's `re` treats every letter and digit as one.

/** Every code point for which Python's `str.isspace()` is true. */
const whitespaceClass =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const whitespaceRun = new RegExp(`[${whitespaceClass}]+`, 'u');
const whitespaceOne = new RegExp(`[${whitespaceClass}]`, 'gu');
const leading = new RegExp(`^[${whitespaceClass}]+`, 'u');
const trailing = new RegExp(`[${whitespaceClass}]+$`, 'u');

/** Python `text.split()`: splits on runs of whitespace, no empty items. */
export function pythonSplit(text: string): string[] {
  return text.split(whitespaceRun).filter((item) => item.length > 0);
}

/** Python `text.strip()`. */
export function pythonStrip(text: string): string {
  return text.replace(leading, '').replace(trailing, '');
}

/** Python `text.rstrip()`. */
export function pythonRstrip(text: string): string {
  return text.replace(trailing, '');
}

/** Python `re.sub(r"\s", "", text)`. */
export function removePythonWhitespace(text: string): string {
  return text.replace(whitespaceOne, '');
}

/** The regular-expression class body of Python's whitespace, to build patterns with. */
export const pythonWhitespaceClass = whitespaceClass;

/**
 * Python `re` word boundaries around `word` alternatives (`\b(a|an|the)\b` with Unicode word
 * characters: letters, numbers and the underscore, as `str.isalnum()`; not combining marks).
 */
export function pythonWordPattern(alternatives: readonly string[], flags = 'gu'): RegExp {
  const word = '[\\p{L}\\p{N}_]';
  return new RegExp(`(?<!${word})(?:${alternatives.join('|')})(?!${word})`, flags);
}

const decimalDigit = /\p{Nd}/u;

/**
 * Maps every Unicode decimal digit (category Nd) to its ASCII digit, as Python's `float()` and
 * `int()` read them. Unicode keeps each set of decimal digits contiguous and in order from zero, so
 * a digit's value is its distance from the start of its run, modulo 10.
 */
export function asciiDigits(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 || !decimalDigit.test(char)) {
      out += char;
      continue;
    }
    let start = code;
    while (decimalDigit.test(String.fromCodePoint(start - 1))) start--;
    out += String((code - start) % 10);
  }
  return out;
}
