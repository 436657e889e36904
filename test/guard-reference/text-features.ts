// Frozen copy of src/guard/classifier/text-features.ts before the guardfast change (commit 84228a7): the oracle that
// test/guard-fast-path.test.ts compares the optimised hot path with. Not used by the product.

// Hashed bag of word uni/bigrams and character 3–5-grams: robust to typos, inflection and mixed
// languages (a third of the injection data is German), and cheap enough to stay under 1 ms per KB:
// n-gram hashes are rolled forward (FNV-1a) instead of slicing strings, and counts accumulate in a
// reusable scratch array.
import { featureHash, type SparseVector } from '../../src/guard/classifier/feature-hash.js';
import type { LinearModel } from '../../src/guard/classifier/linear-model.js';

/** Long inputs are read up to this many characters: the head of a prompt carries the attack. */
export const maximumFeatureCharacters = 4000;

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

// Counts are multiples of 0.5, exact in 32-bit floats: half the memory that the random bumps walk.
let scratch = new Float32Array(0);
const touched: number[] = [];

const fnvOffset = 0x811c9dc5;
/** FNV-1a continued over `text`: featureHash(a + b) = fnvMore(fnvMore(offset, a), b), without the string. */
function fnvMore(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}
const wordPrefix = fnvMore(fnvOffset, 'w:');
const bigramPrefix = fnvMore(fnvOffset, 'b:');
const space = 32;

function bump(index: number, value: number): void {
  if (scratch[index] === 0) touched.push(index);
  scratch[index] += value;
}

/** Accumulates the text's raw feature counts into `scratch`/`touched`; returns nothing. */
function accumulate(text: string, dimension: number): void {
  if (scratch.length !== dimension) scratch = new Float32Array(dimension);
  const lower = text.slice(0, maximumFeatureCharacters).toLowerCase();
  const words = lower.match(wordPattern) ?? [];
  // The same indices as featureHash('w:' + word) and featureHash('b:' + previous + ' ' + word).
  let previous = fnvMore(bigramPrefix, '<s>');
  for (const word of words) {
    bump((fnvMore(wordPrefix, word) >>> 0) % dimension, 1);
    const afterSpace = Math.imul(previous ^ space, 0x01000193);
    bump((fnvMore(afterSpace, word) >>> 0) % dimension, 1);
    previous = fnvMore(bigramPrefix, word);
  }
  bump((fnvMore(Math.imul(previous ^ space, 0x01000193), '</s>') >>> 0) % dimension, 1);
  const padded = ' ' + lower.replace(/\s+/g, ' ') + ' ';
  for (let i = 0; i + 3 <= padded.length; i++) {
    let hash = 0x811c9dc5;
    for (let n = 0; n < 5 && i + n < padded.length; n++) {
      hash ^= padded.charCodeAt(i + n);
      hash = Math.imul(hash, 0x01000193);
      if (n >= 2) bump((hash >>> 0) % dimension, 0.5);
    }
  }
  // Length is a confounder in the data, so it gets only coarse buckets.
  bump(featureHash('len:' + Math.min(6, Math.floor(Math.log2(1 + words.length))), dimension), 1);
}

function norm(): number {
  let sum = 0;
  for (const index of touched) sum += scratch[index] * scratch[index];
  return Math.sqrt(sum) || 1;
}

export function textFeatures(text: string, dimension: number): SparseVector {
  accumulate(text, dimension);
  const length = norm();
  const vector: SparseVector = new Map();
  for (const index of touched) {
    vector.set(index, scratch[index] / length);
    scratch[index] = 0;
  }
  touched.length = 0;
  return vector;
}

/**
 * The positive-class probability of a binary model for a text, straight from the scratch counts: the
 * same result as predictProbabilities(model, textFeatures(text))[1] without building a Map.
 */
export function predictTextPositive(model: LinearModel, text: string): number {
  accumulate(text, model.dimension);
  const length = norm();
  const k = model.classes.length;
  let score0 = model.bias[0];
  let score1 = model.bias[1];
  for (const index of touched) {
    const value = scratch[index] / length;
    score0 += model.weights[index * k] * value;
    score1 += model.weights[index * k + 1] * value;
    scratch[index] = 0;
  }
  touched.length = 0;
  return 1 / (1 + Math.exp(score0 - score1));
}

// Per set of binary models: each feature's class-1-minus-class-0 weight side by side, in 32-bit floats
// (the shipped weights have 3 decimals), so that one cache line serves every model at a feature. Built at
// a model set's first prediction: a model must not be trained further after it has predicted.
const marginTables = new WeakMap<LinearModel, { models: readonly LinearModel[]; table: Float32Array }[]>();

function marginTable(models: readonly LinearModel[]): Float32Array {
  const list = marginTables.get(models[0]) ?? [];
  const found = list.find(
    (entry) => entry.models.length === models.length && entry.models.every((x, i) => x === models[i]),
  );
  if (found) return found.table;
  const m = models.length;
  const table = new Float32Array(models[0].dimension * m);
  for (let j = 0; j < m; j++) {
    const weights = models[j].weights;
    for (let index = 0; index < models[0].dimension; index++)
      table[index * m + j] = weights[index * 2 + 1] - weights[index * 2];
  }
  list.push({ models: [...models], table });
  marginTables.set(models[0], list);
  return table;
}

/**
 * Positive-class probabilities of several binary models over one feature pass (the prompt-task models
 * share features and dimension): what one model costs, plus a multiply-add per extra model.
 */
export function predictTextPositives(models: readonly LinearModel[], text: string): number[] {
  const dimension = models[0].dimension;
  for (const model of models) {
    if (model.dimension !== dimension || model.classes.length !== 2)
      throw new Error('predictTextPositives needs binary models of one dimension');
  }
  accumulate(text, dimension);
  const length = norm();
  const m = models.length;
  const margins = models.map((model) => model.bias[1] - model.bias[0]);
  const table = marginTable(models);
  for (const index of touched) {
    const value = scratch[index] / length;
    const offset = index * m;
    for (let j = 0; j < m; j++) margins[j] += table[offset + j] * value;
    scratch[index] = 0;
  }
  touched.length = 0;
  return margins.map((margin) => 1 / (1 + Math.exp(-margin)));
}
