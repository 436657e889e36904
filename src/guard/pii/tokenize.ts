// Word tokens with their character offsets; punctuation is its own token, newlines are kept because
// they separate the lines of a postal address. A char scan (classes from a table) finds exactly the
// matches of `tokenPattern`, without a match object per token.
import { charClass, letterClass, markClass, numberClass, spaceClass } from '../classifier/index.js';

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** The definition the scan follows. */
export const tokenPattern = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*\.?|\n|[^\s\p{L}\p{M}\p{N}]/gu;

const wordClass = letterClass | markClass | numberClass;
const classOf = charClass;

/** The code point at `i` (a surrogate pair read as one; a lone surrogate as itself). */
function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

/** End of the run of letters, marks and numbers from `i`. */
function runEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length) {
    const codePoint = codePointAt(text, end);
    if (!(classOf(codePoint) & wordClass)) break;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return end;
}

/**
 * Where the tokens are, without a string or an object per token: token t is text.slice(starts[t], ends[t]),
 * for t below count. The arrays are reused by the next call (copy what must outlive it).
 */
export interface TokenSpans {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

const spans: TokenSpans = { count: 0, starts: new Int32Array(256), ends: new Int32Array(256) };

export function tokenSpans(text: string): TokenSpans {
  const n = text.length;
  let count = 0;
  for (let i = 0; i < n; ) {
    const codePoint = codePointAt(text, i);
    const width = codePoint > 0xffff ? 2 : 1;
    const bits = classOf(codePoint);
    let end: number;
    if (bits & wordClass) {
      end = runEnd(text, i);
      // (?:['’.-][\p{L}\p{M}\p{N}]+)* then \.?
      for (;;) {
        const unit = end + 1 < n ? text.charCodeAt(end) : -1;
        if (unit !== 0x27 && unit !== 0x2019 && unit !== 0x2e && unit !== 0x2d) break;
        if (!(classOf(codePointAt(text, end + 1)) & wordClass)) break;
        end = runEnd(text, end + 1);
      }
      if (end < n && text.charCodeAt(end) === 0x2e) end++;
    } else if (codePoint === 10) end = i + 1;
    else if (bits & spaceClass) {
      i += width;
      continue;
    } else end = i + width;
    if (count === spans.starts.length) {
      const starts = new Int32Array(count * 2);
      const ends = new Int32Array(count * 2);
      starts.set(spans.starts);
      ends.set(spans.ends);
      spans.starts = starts;
      spans.ends = ends;
    }
    spans.starts[count] = i;
    spans.ends[count++] = end;
    i = end;
  }
  spans.count = count;
  return spans;
}

export function tokenize(text: string): Token[] {
  const { count, starts, ends } = tokenSpans(text);
  const tokens: Token[] = [];
  for (let t = 0; t < count; t++)
    tokens.push({ text: text.slice(starts[t], ends[t]), start: starts[t], end: ends[t] });
  return tokens;
}
