// Frozen copy of src/guard/pii/token-features.ts before the guardfast change (commit 84228a7): the oracle that
// test/guard-fast-path.test.ts compares the optimised hot path with. Not used by the product.

// Features of one token for the name/address tagger: the word, its shape, affixes and the words around
// it (Presidio's context words, learned instead of listed). Each string is hashed once per text
// (prepareTokens); a feature is then an integer mix of a feature-kind tag and those hashes, which keeps
// the tagger under a millisecond per kilobyte.
import { featureHash, type SparseVector } from '../../src/guard/classifier/index.js';
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
  let previous = '';
  for (let i = 0; i < n; i++) {
    const text = tokens[i].text;
    const lower = text.toLowerCase();
    const shape = wordShape(text);
    prepared.word[i] = featureHash(lower, full);
    prepared.shape[i] = featureHash(shape, full);
    prepared.prefix[i] = featureHash(lower.slice(0, 3), full);
    prepared.suffix3[i] = featureHash(lower.slice(-3), full);
    prepared.suffix2[i] = featureHash(lower.slice(-2), full);
    prepared.length[i] = Math.min(text.length, 12);
    prepared.capitalised[i] = shape[0] === 'X' ? 1 : 0;
    prepared.sentenceStart[i] =
      i === 0 || sentenceEnders.has(previous) || endsSentence(tokens[i - 1].text) ? 1 : 0;
    prepared.common[i] = commonWords?.has(commonWordHash(lower)) ? 1 : 0;
    previous = lower;
  }
  return prepared;
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
  return (h >>> 0) % dimension;
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
  for (const offset of [-1, 1]) {
    const j = i + offset;
    if (j >= 0 && j < word.length && common[j]) out[k++] = mix(10 + offset, capitalised[j], dimension);
  }
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
