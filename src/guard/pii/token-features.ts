// Features of one token for the name/address tagger: the word, its shape, affixes and the words around
// it (Presidio's context words, learned instead of listed). Each string is hashed once per text
// (prepareTokens); a feature is then an integer mix of a feature-kind tag and those hashes, which keeps
// the tagger under a millisecond per kilobyte.
import { featureHash, type SparseVector } from '../classifier/index.js';
import type { Token } from './tokenize.js';

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
  tokens: readonly Token[];
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
export function prepareTokens(tokens: readonly Token[], commonWords?: ReadonlySet<number>): PreparedTokens {
  const n = tokens.length;
  const prepared: PreparedTokens = {
    tokens,
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
  const lexicon = commonWords ? bitsOf(commonWords) : undefined;
  let previous = '';
  for (let i = 0; i < n; i++) {
    const text = tokens[i].text;
    const ascii = isAscii(text);
    prepared.sentenceStart[i] =
      i === 0 || sentenceEnders.has(previous) || endsSentence(tokens[i - 1].text) ? 1 : 0;
    prepared.length[i] = Math.min(text.length, 12);
    if (ascii) {
      // The same hashes, rolled over the code units (lower-cased by arithmetic) without building strings.
      prepareAscii(prepared, i, text, lexicon);
      previous = text.length === 1 ? text : '';
      continue;
    }
    const lower = text.toLowerCase();
    const shape = wordShape(text);
    prepared.word[i] = featureHash(lower, full);
    prepared.shape[i] = featureHash(shape, full);
    prepared.prefix[i] = featureHash(lower.slice(0, 3), full);
    prepared.suffix3[i] = featureHash(lower.slice(-3), full);
    prepared.suffix2[i] = featureHash(lower.slice(-2), full);
    prepared.capitalised[i] = shape[0] === 'X' ? 1 : 0;
    prepared.common[i] = commonWords?.has(commonWordHash(lower)) ? 1 : 0;
    previous = lower;
  }
  return prepared;
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

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
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

/** prepareTokens' per-token fields for an ASCII token (the lower-case form has the same length). */
function prepareAscii(
  prepared: PreparedTokens,
  i: number,
  text: string,
  commonWords: Uint32Array | undefined,
): void {
  const length = text.length;
  let word = fnvOffset;
  let common = commonPrefix;
  let shape = fnvOffset;
  let first = 0;
  let last = -1;
  let run = 0;
  for (let k = 0; k < length; k++) {
    const unit = text.charCodeAt(k);
    const lower = unit >= 65 && unit <= 90 ? unit + 32 : unit;
    word = Math.imul(word ^ lower, prime);
    common = Math.imul(common ^ lower, prime);
    // wordShape: d, X, x or the character itself; runs capped at two.
    const c =
      unit >= 48 && unit <= 57 ? 100 : unit >= 65 && unit <= 90 ? 88 : unit >= 97 && unit <= 122 ? 120 : unit;
    run = c === last ? run + 1 : 1;
    last = c;
    if (k === 0) first = c;
    if (run <= 2) shape = Math.imul(shape ^ c, prime);
  }
  prepared.word[i] = moduloFull(word);
  prepared.shape[i] = moduloFull(shape);
  prepared.prefix[i] = lowerHash(text, 0, Math.min(3, length));
  prepared.suffix3[i] = lowerHash(text, Math.max(0, length - 3), length);
  prepared.suffix2[i] = lowerHash(text, Math.max(0, length - 2), length);
  prepared.capitalised[i] = first === 88 ? 1 : 0;
  const bucket = common & (commonWordBuckets - 1);
  prepared.common[i] = commonWords && (commonWords[bucket >>> 5] >>> (bucket & 31)) & 1 ? 1 : 0;
}

/** "rise." ends a sentence; "Dr.", "St.", "Apt." and other short or capitalised abbreviations do not. */
function endsSentence(token: string): boolean {
  return token.length > 4 && token.endsWith('.') && /^\p{Ll}/u.test(token);
}

/** A murmur3-style finaliser over (kind, hash): a well-spread index for each feature. */
function mix(kind: number, hash: number, dimension: number): number {
  let h = (hash ^ Math.imul(kind + 1, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // (h >>> 0) % dimension, as a mask where the dimension is a power of two (a float modulo otherwise).
  return dimension > 0 && (dimension & (dimension - 1)) === 0 ? h & (dimension - 1) : (h >>> 0) % dimension;
}

const edge = 0x5bd1e995;

/** Writes the token's feature indices into `out` and returns how many there are (all with value 1). */
export function tokenFeatureIndices(
  prepared: PreparedTokens,
  i: number,
  dimension: number,
  out: Int32Array,
): number {
  const { word, shape, prefix, suffix3, suffix2, length, capitalised, sentenceStart, common } = prepared;
  const n = word.length;
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
