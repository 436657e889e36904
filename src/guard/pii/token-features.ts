// Features of one token for the name/address tagger: the word, its shape, affixes and the words around
// it (Presidio's context words, learned instead of listed). Each string is hashed once per text
// (prepareTokens); a feature is then an integer mix of a feature-kind tag and those hashes, which keeps
// the tagger under a millisecond per kilobyte.
import { featureHash, type SparseVector } from '../classifier/index.js';
import { edge, mix } from './token-feature-rows.js';
import type { Token, TokenSpans } from './tokenize.js';

/** "Kowalski" → "Xxx", "1200-195" → "dd-dd": case and digit pattern, runs capped at two. */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let c: string;
    // ASCII first: most tokens never reach the Unicode case tests.
    if (code >= 48 && code <= 57) c = 'd';
    else if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else {
      const char = word[i];
      const upper = char.toUpperCase();
      const lower = char.toLowerCase();
      if (upper !== lower) c = char === upper ? 'X' : 'x';
      else c = /\p{N}/u.test(char) ? 'd' : char;
    }
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) shape += c;
  }
  return shape;
}

export interface PreparedTokens {
  /** Tokens described (the arrays may be longer: they are reused from text to text). */
  count: number;
  word: Uint32Array;
  shape: Uint32Array;
  prefix: Uint32Array;
  suffix3: Uint32Array;
  suffix2: Uint32Array;
  length: Uint8Array;
  capitalised: Uint8Array;
  sentenceStart: Uint8Array;
  /** 1 when the word is common in lower case in ordinary English text (so probably not a name). */
  common: Uint8Array;
}

const full = 0xffffffff;
const sentenceEnders = new Set(['.', '!', '?', ':', '\n', '"', '“']);

/** Buckets of the common-word lexicon: lossy on purpose, so that the shipped file holds no words. */
export const commonWordBuckets = 1 << 20;

/** The lexicon bucket of a lower-case word (FNV-1a, 20 bits): what the tagger ships instead of the word. */
export function commonWordHash(lower: string): number {
  return featureHash(`common:${lower}`, commonWordBuckets);
}

/** `commonWords`: the bucket numbers (commonWordHash) of common lower-case words. */
export function prepareTokens(
  tokens: readonly Token[],
  commonWords?: ReadonlySet<number>,
): PreparedTokens & { tokens: readonly Token[] } {
  // The features read only the tokens' own texts, so the tokens laid end to end give the same ones.
  const n = tokens.length;
  const spans: TokenSpans = { count: n, starts: new Int32Array(n), ends: new Int32Array(n) };
  let at = 0;
  for (let t = 0; t < n; t++) {
    spans.starts[t] = at;
    at += tokens[t].text.length;
    spans.ends[t] = at;
  }
  const text = tokens.map((token) => token.text).join('');
  return { ...prepareSpans(text, spans, commonWords, emptyPrepared(n)), tokens };
}

/** PreparedTokens with room for `n` tokens. */
export function emptyPrepared(n: number): PreparedTokens {
  return {
    count: 0,
    word: new Uint32Array(n),
    shape: new Uint32Array(n),
    prefix: new Uint32Array(n),
    suffix3: new Uint32Array(n),
    suffix2: new Uint32Array(n),
    length: new Uint8Array(n),
    capitalised: new Uint8Array(n),
    sentenceStart: new Uint8Array(n),
    common: new Uint8Array(n),
  };
}

/**
 * prepareTokens for the tokens at `spans` in `text` (tokenSpans), written into `into` (its arrays must
 * hold spans.count tokens): the same numbers, without a string per ASCII token.
 */
export function prepareSpans(
  text: string,
  spans: TokenSpans,
  commonWords: ReadonlySet<number> | undefined,
  into: PreparedTokens,
): PreparedTokens {
  const { count: n, starts, ends } = spans;
  const prepared = into;
  prepared.count = n;
  const lexicon = commonWords ? bitsOf(commonWords) : undefined;
  // Whether the previous token is one of sentenceEnders.
  let previousEnds = false;
  for (let i = 0; i < n; i++) {
    const from = starts[i];
    const to = ends[i];
    prepared.sentenceStart[i] =
      i === 0 || previousEnds || endsSentence(text, starts[i - 1], ends[i - 1]) ? 1 : 0;
    prepared.length[i] = Math.min(to - from, 12);
    if (isAscii(text, from, to)) {
      // The same hashes, rolled over the code units (lower-cased by arithmetic) without building strings.
      prepareAscii(prepared, i, text, from, to, lexicon);
      previousEnds = to - from === 1 && isAsciiSentenceEnder(text.charCodeAt(from));
      continue;
    }
    const token = text.slice(from, to);
    const lower = token.toLowerCase();
    const shape = wordShape(token);
    prepared.word[i] = featureHash(lower, full);
    prepared.shape[i] = featureHash(shape, full);
    prepared.prefix[i] = featureHash(lower.slice(0, 3), full);
    prepared.suffix3[i] = featureHash(lower.slice(-3), full);
    prepared.suffix2[i] = featureHash(lower.slice(-2), full);
    prepared.capitalised[i] = shape[0] === 'X' ? 1 : 0;
    prepared.common[i] = commonWords?.has(commonWordHash(lower)) ? 1 : 0;
    previousEnds = sentenceEnders.has(lower);
  }
  return prepared;
}

/** sentenceEnders' ASCII members: . ! ? : newline and the straight double quote. */
function isAsciiSentenceEnder(unit: number): boolean {
  return unit === 46 || unit === 33 || unit === 63 || unit === 58 || unit === 10 || unit === 34;
}

/**
 * The lexicon as a bitmap over its 2^20 buckets (128 KB, built once per set): a bit test instead of a hash
 * set lookup per token, the same answer for every bucket number a token can hash to.
 */
const lexiconBits = new WeakMap<ReadonlySet<number>, Uint32Array>();

function bitsOf(commonWords: ReadonlySet<number>): Uint32Array {
  let bits = lexiconBits.get(commonWords);
  if (!bits) {
    bits = new Uint32Array(commonWordBuckets >>> 5);
    for (const bucket of commonWords)
      if (Number.isInteger(bucket) && bucket >= 0 && bucket < commonWordBuckets)
        bits[bucket >>> 5] |= 1 << (bucket & 31);
    lexiconBits.set(commonWords, bits);
  }
  return bits;
}

function isAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const fnvOffset = 0x811c9dc5;
const prime = 0x01000193;
const commonPrefix = (() => {
  let hash = fnvOffset;
  for (const char of 'common:') hash = Math.imul(hash ^ char.charCodeAt(0), prime);
  return hash;
})();

/** (hash >>> 0) % full without a float modulo: every 32-bit value is below full except full itself. */
function moduloFull(hash: number): number {
  const value = hash >>> 0;
  return value === full ? 0 : value;
}

/** FNV-1a of text.toLowerCase().slice(from, to) for an ASCII text. */
function lowerHash(text: string, from: number, to: number): number {
  let hash = fnvOffset;
  for (let k = from; k < to; k++) {
    const unit = text.charCodeAt(k);
    hash = Math.imul(hash ^ (unit >= 65 && unit <= 90 ? unit + 32 : unit), prime);
  }
  return moduloFull(hash);
}

/** prepareTokens' per-token fields for the ASCII token text.slice(from, to) (its lower case is as long). */
function prepareAscii(
  prepared: PreparedTokens,
  i: number,
  text: string,
  from: number,
  to: number,
  commonWords: Uint32Array | undefined,
): void {
  let word = fnvOffset;
  let common = commonPrefix;
  let shape = fnvOffset;
  let first = 0;
  let last = -1;
  let run = 0;
  // The prefix is the word's hash after its first three units (or all of a shorter word).
  let prefix = fnvOffset;
  const prefixEnd = Math.min(from + 3, to);
  for (let k = from; k < to; k++) {
    const unit = text.charCodeAt(k);
    const lower = unit >= 65 && unit <= 90 ? unit + 32 : unit;
    word = Math.imul(word ^ lower, prime);
    if (k < prefixEnd) prefix = word;
    common = Math.imul(common ^ lower, prime);
    // wordShape: d, X, x or the character itself; runs capped at two.
    const c =
      unit >= 48 && unit <= 57 ? 100 : unit >= 65 && unit <= 90 ? 88 : unit >= 97 && unit <= 122 ? 120 : unit;
    run = c === last ? run + 1 : 1;
    last = c;
    if (k === from) first = c;
    if (run <= 2) shape = Math.imul(shape ^ c, prime);
  }
  prepared.word[i] = moduloFull(word);
  prepared.shape[i] = moduloFull(shape);
  prepared.prefix[i] = moduloFull(prefix);
  prepared.suffix3[i] = lowerHash(text, Math.max(from, to - 3), to);
  prepared.suffix2[i] = lowerHash(text, Math.max(from, to - 2), to);
  prepared.capitalised[i] = first === 88 ? 1 : 0;
  const bucket = common & (commonWordBuckets - 1);
  prepared.common[i] = commonWords && (commonWords[bucket >>> 5] >>> (bucket & 31)) & 1 ? 1 : 0;
}

/**
 * "rise." ends a sentence; "Dr.", "St.", "Apt." and other short or capitalised abbreviations do not: the
 * token text.slice(from, to) is longer than 4, ends with '.' and starts with a lower-case letter.
 */
function endsSentence(text: string, from: number, to: number): boolean {
  if (to - from <= 4 || text.charCodeAt(to - 1) !== 46) return false;
  const first = text.charCodeAt(from);
  // ASCII: a-z is \p{Ll}; other letters take the Unicode test.
  if (first < 128) return first >= 97 && first <= 122;
  return /^\p{Ll}/u.test(text.slice(from, to));
}

/** Writes the token's feature indices into `out` and returns how many there are (all with value 1). */
export function tokenFeatureIndices(
  prepared: PreparedTokens,
  i: number,
  dimension: number,
  out: Int32Array,
): number {
  const { word, shape, prefix, suffix3, suffix2, length, capitalised, sentenceStart, common } = prepared;
  const n = prepared.count;
  let k = 0;
  out[k++] = mix(0, 0, dimension);
  out[k++] = mix(1, word[i], dimension);
  out[k++] = mix(2, shape[i], dimension);
  out[k++] = mix(3, prefix[i], dimension);
  out[k++] = mix(4, suffix3[i], dimension);
  out[k++] = mix(5, suffix2[i], dimension);
  out[k++] = mix(6, length[i], dimension);
  out[k++] = mix(7, sentenceStart[i], dimension);
  if (capitalised[i]) out[k++] = mix(8, sentenceStart[i], dimension);
  if (common[i]) out[k++] = mix(9, capitalised[i] * 2 + sentenceStart[i], dimension);
  // The common-word neighbours, before then after (written out: no array per call).
  if (i - 1 >= 0 && i - 1 < n && common[i - 1]) out[k++] = mix(9, capitalised[i - 1], dimension);
  if (i + 1 >= 0 && i + 1 < n && common[i + 1]) out[k++] = mix(11, capitalised[i + 1], dimension);
  for (let offset = -3; offset <= 3; offset++) {
    if (offset === 0) continue;
    const j = i + offset;
    const kind = 20 + (offset + 3) * 4;
    if (j < 0 || j >= n) {
      out[k++] = mix(kind, edge, dimension);
      continue;
    }
    if (offset >= -2 && offset <= 2) out[k++] = mix(kind + 1, word[j], dimension);
    out[k++] = mix(kind + 2, shape[j], dimension);
    if (offset === -1 || offset === 1)
      out[k++] = mix(kind + 3, (word[j] ^ Math.imul(shape[i], 31)) >>> 0, dimension);
  }
  for (let j = Math.max(0, i - 6); j < i; j++) out[k++] = mix(60, word[j], dimension);
  return k;
}

/** The same features as a sparse vector (what training needs). */
export function tokenFeatures(prepared: PreparedTokens, i: number, dimension: number): SparseVector {
  const out = new Int32Array(64);
  const count = tokenFeatureIndices(prepared, i, dimension, out);
  const vector: SparseVector = new Map();
  for (let c = 0; c < count; c++) vector.set(out[c], (vector.get(out[c]) ?? 0) + 1);
  return vector;
}
