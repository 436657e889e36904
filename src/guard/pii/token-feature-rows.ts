// The tagger's features of one token as weight-row offsets (index × classes) in its weight table, in
// tokenFeatureIndices' order: what the tagger sums. The features that take few values (bias, length,
// sentence start, common-word flags, edges) are mixed once per model, a preceding word's row once per text.
// `mix` lives here with the rows that call it per feature (a call into another module measured slower).
import type { PreparedTokens } from './token-features.js';

/** A murmur3-style finaliser over (kind, hash): a well-spread index for each feature. */
export function mix(kind: number, hash: number, dimension: number): number {
  let h = (hash ^ Math.imul(kind + 1, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // (h >>> 0) % dimension, as a mask where the dimension is a power of two (a float modulo otherwise).
  return dimension > 0 && (dimension & (dimension - 1)) === 0 ? h & (dimension - 1) : (h >>> 0) % dimension;
}

/** tokenFeatureIndices' value for a neighbour beyond the text's edge. */
export const edge = 0x5bd1e995;

/**
 * Where a model's rows are: row `index` starts at `index * width` of its weight table. `constants`: the
 * rows of the features that take few values.
 */
export interface FeatureRows {
  dimension: number;
  /** Weights per row (the model's classes). */
  width: number;
  constants: Int32Array;
}

// Where each constant feature's row sits in FeatureRows.constants.
const biasAt = 0;
const lengthAt = 1; // 13: length 0..12
const sentenceStartAt = 14; // 2
const capitalisedStartAt = 16; // 2
const commonAt = 18; // 4: mix(9, 0..3), also the previous word's mix(9, 0..1)
const nextCommonAt = 22; // 2
const edgeAt = 24; // 7, by offset + 3 (offset 0 unused)
const constantCount = 31;

/** FeatureRows of a model with `dimension` rows of `width` weights. */
export function featureRows(dimension: number, width: number): FeatureRows {
  const constants = new Int32Array(constantCount);
  const row = (kind: number, hash: number) => mix(kind, hash, dimension) * width;
  constants[biasAt] = row(0, 0);
  for (let length = 0; length <= 12; length++) constants[lengthAt + length] = row(6, length);
  for (let start = 0; start < 2; start++) {
    constants[sentenceStartAt + start] = row(7, start);
    constants[capitalisedStartAt + start] = row(8, start);
    constants[nextCommonAt + start] = row(11, start);
  }
  for (let value = 0; value < 4; value++) constants[commonAt + value] = row(9, value);
  for (let offset = -3; offset <= 3; offset++)
    if (offset !== 0) constants[edgeAt + offset + 3] = row(20 + (offset + 3) * 4, edge);
  return { dimension, width, constants };
}

/**
 * Token i's feature rows (tokenFeatureIndices' features, in the same order): written into `out` from `at`;
 * returns the new end. `windowRows[j]` caches the row of token j's word as a preceding word (kind 60, read
 * by the six tokens after it); -1 where not yet known.
 */
export function tokenFeatureRows(
  prepared: PreparedTokens,
  i: number,
  rows: FeatureRows,
  windowRows: Int32Array,
  out: Int32Array,
  at: number,
): number {
  return tokenContextRows(prepared, i, rows, windowRows, out, tokenOwnRows(prepared, i, rows, out, at));
}

/**
 * The first of token i's features, those that read only the token itself (own-sums.ts's key): its word,
 * shape, affixes, length, sentence start and common-word flags. As tokenFeatureRows.
 */
export function tokenOwnRows(
  prepared: PreparedTokens,
  i: number,
  rows: FeatureRows,
  out: Int32Array,
  at: number,
): number {
  const { word, shape, prefix, suffix3, suffix2, length, capitalised, sentenceStart, common } = prepared;
  const { dimension, width, constants } = rows;
  let k = at;
  out[k++] = constants[biasAt];
  out[k++] = mix(1, word[i], dimension) * width;
  out[k++] = mix(2, shape[i], dimension) * width;
  out[k++] = mix(3, prefix[i], dimension) * width;
  out[k++] = mix(4, suffix3[i], dimension) * width;
  out[k++] = mix(5, suffix2[i], dimension) * width;
  out[k++] = constants[lengthAt + length[i]];
  out[k++] = constants[sentenceStartAt + sentenceStart[i]];
  if (capitalised[i]) out[k++] = constants[capitalisedStartAt + sentenceStart[i]];
  if (common[i]) out[k++] = constants[commonAt + capitalised[i] * 2 + sentenceStart[i]];
  return k;
}

/** The rest of token i's features, after tokenOwnRows': its neighbours'. As tokenFeatureRows. */
export function tokenContextRows(
  prepared: PreparedTokens,
  i: number,
  rows: FeatureRows,
  windowRows: Int32Array,
  out: Int32Array,
  at: number,
): number {
  const { word, shape, capitalised, common } = prepared;
  const { dimension, width, constants } = rows;
  const n = prepared.count;
  let k = at;
  if (i - 1 >= 0 && i - 1 < n && common[i - 1]) out[k++] = constants[commonAt + capitalised[i - 1]];
  if (i + 1 >= 0 && i + 1 < n && common[i + 1]) out[k++] = constants[nextCommonAt + capitalised[i + 1]];
  for (let offset = -3; offset <= 3; offset++) {
    if (offset === 0) continue;
    const j = i + offset;
    const kind = 20 + (offset + 3) * 4;
    if (j < 0 || j >= n) {
      out[k++] = constants[edgeAt + offset + 3];
      continue;
    }
    if (offset >= -2 && offset <= 2) out[k++] = mix(kind + 1, word[j], dimension) * width;
    out[k++] = mix(kind + 2, shape[j], dimension) * width;
    if (offset === -1 || offset === 1)
      out[k++] = mix(kind + 3, (word[j] ^ Math.imul(shape[i], 31)) >>> 0, dimension) * width;
  }
  for (let j = Math.max(0, i - 6); j < i; j++) {
    let r = windowRows[j];
    if (r === -1) r = windowRows[j] = mix(60, word[j], dimension) * width;
    out[k++] = r;
  }
  return k;
}
