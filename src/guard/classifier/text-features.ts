// Hashed bag of word uni/bigrams and character 3–5-grams: robust to typos, inflection and mixed
// languages (a third of the injection data is German), and cheap enough to stay under 1 ms per KB.
// The char scan is in feature-scan.ts, the compact weight tables in margin-tables.ts. The last text's
// features are kept, so that several models (the prompt tasks, toxicity on a tweet-sized text) read one
// pass.
import type { SparseVector } from './feature-hash.js';
import { countFeatures, keptScan, type RowsToTouch } from './feature-scan.js';
import { keptColumn } from './kept-column.js';
import type { LinearModel } from './linear-model.js';
import {
  decoderOf,
  gatherRows,
  marginTable,
  positiveTable,
  sortByBlock,
  type WeightTable,
} from './margin-tables.js';

export { maximumFeatureCharacters, wordPattern } from './feature-scan.js';

/**
 * The features of the last text: indices and raw counts in first-seen order (the scan's own buffers:
 * every scan goes through scanOf, so they stay the last text's), the vector's length, the normalised
 * values, and the order in which to read their weights (`order`, by weight-table block).
 */
const last = {
  text: undefined as string | undefined,
  dimension: 0,
  count: 0,
  indices: new Int32Array(0) as Int32Array,
  counts: new Float64Array(0) as Float64Array,
  length: 1,
  values: new Float64Array(0),
  /** Whether `values` is this text's (made on first use: the prompt tasks read counts / length directly). */
  valued: false,
  order: new Int32Array(0),
  /** Whether `order` is this text's (sorted on first use: the prompt tasks read their rows unsorted). */
  ordered: false,
};

/** `last.order`, sorted by block for this text. */
function orderOf(features: typeof last): Int32Array {
  if (!features.ordered) {
    sortByBlock(features.count, features.indices, features.dimension, features.order);
    features.ordered = true;
  }
  return features.order;
}

/**
 * The last text's scan (`keep`: kept for piece-features.ts, which then reads the text's sentences from it);
 * its values may be left to the caller (`valued` false: values[t] = counts[t] / length).
 */
function scanOf(text: string, dimension: number, keep = false, rowsToTouch?: RowsToTouch): typeof last {
  if (last.text === text && last.dimension === dimension && (!keep || keptScan(text, dimension))) return last;
  last.text = undefined;
  const { count, indices, counts } = countFeatures(text, dimension, keep, rowsToTouch);
  if (last.values.length < count) {
    const size = Math.max(count, 2 * last.values.length);
    last.values = new Float64Array(size);
    last.order = new Int32Array(size);
  }
  // Every count is a multiple of 0.5, so every square a multiple of 0.25 and every partial sum exact: the
  // sum is the same number in any order, here four running sums (one chain of additions was its latency).
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let t = 0;
  for (; t + 4 <= count; t += 4) {
    sum0 += counts[t] * counts[t];
    sum1 += counts[t + 1] * counts[t + 1];
    sum2 += counts[t + 2] * counts[t + 2];
    sum3 += counts[t + 3] * counts[t + 3];
  }
  for (; t < count; t++) sum0 += counts[t] * counts[t];
  last.length = Math.sqrt(sum0 + sum1 + (sum2 + sum3)) || 1;
  last.indices = indices;
  last.counts = counts;
  last.count = count;
  last.valued = false;
  last.ordered = false;
  last.text = text;
  last.dimension = dimension;
  return last;
}

/** The last text's features, values included. */
function featuresOf(text: string, dimension: number, keep = false): typeof last {
  const features = scanOf(text, dimension, keep);
  if (!features.valued) {
    const { count, counts, length, values } = features;
    for (let t = 0; t < count; t++) values[t] = counts[t] / length;
    features.valued = true;
  }
  return features;
}

/** Forgets the last text's features (benchmarks: a repeated text is timed in full). */
export function clearTextFeatureCache(): void {
  last.text = undefined;
}

export function textFeatures(text: string, dimension: number): SparseVector {
  const { count, indices, values } = featuresOf(text, dimension);
  const vector: SparseVector = new Map();
  for (let t = 0; t < count; t++) vector.set(indices[t], values[t]);
  return vector;
}

function rows(
  text: string,
  dimension: number,
  table: WeightTable,
  keep = false,
): { count: number; values: Float64Array; weights: Float64Array } {
  const features = featuresOf(text, dimension, keep);
  const { count, indices, values } = features;
  return { count, values, weights: gatherRows(table, count, indices, orderOf(features)) };
}

const rawTables = new WeakMap<LinearModel, WeightTable>();

/**
 * The positive-class probability of a binary model for a text, straight from the counts: the same result
 * as predictProbabilities(model, textFeatures(text))[1] without building a Map.
 */
export function predictTextPositive(model: LinearModel, text: string): number {
  const positive = positiveTable(model);
  if (positive) {
    // Class 0 scores bias[0] exactly (every product with its zero weights is zero).
    const { count, values, weights } = rows(text, model.dimension, positive);
    let score1 = model.bias[1];
    for (let t = 0; t < count; t++) score1 += weights[t] * values[t];
    return 1 / (1 + Math.exp(model.bias[0] - score1));
  }
  let raw = rawTables.get(model);
  if (!raw) {
    raw = { width: model.classes.length, table: model.weights };
    rawTables.set(model, raw);
  }
  const { count, values, weights } = rows(text, model.dimension, raw);
  const k = raw.width;
  let score0 = model.bias[0];
  let score1 = model.bias[1];
  for (let t = 0; t < count; t++) {
    score0 += weights[t * k] * values[t];
    score1 += weights[t * k + 1] * values[t];
  }
  return 1 / (1 + Math.exp(score0 - score1));
}

/**
 * Positive-class probabilities of several binary models over one feature pass (the prompt-task models
 * share features and dimension): what one model costs, plus a multiply-add per extra model. `keep`: keep
 * the scan, so that the text's pieces can be scored from it (piece-features.ts).
 */
export function predictTextPositives(models: readonly LinearModel[], text: string, keep = false): number[] {
  const dimension = models[0].dimension;
  for (const model of models) {
    if (model.dimension !== dimension || model.classes.length !== 2)
      throw new Error('predictTextPositives needs binary models of one dimension');
  }
  const table = marginTable(models);
  const m = models.length;
  const margins = models.map((model) => model.bias[1] - model.bias[0]);
  if (m === 3 && table.quantized) {
    // The shipped prompt tasks: each row was touched by the scan (rowsToTouch), so it is read here from the
    // cache in first-seen order, each k decoded by lookup and summed in locals (the same numbers, products
    // and order of additions as the general loop below).
    const quantized = table.quantized;
    const stride = table.stride ?? m;
    const column = table.column ?? 0;
    const { count, indices, counts, length } = scanOf(text, dimension, keep, { numbers: quantized, stride });
    const { decoded, shift } = decoderOf(quantized);
    let margin0 = margins[0];
    let margin1 = margins[1];
    let margin2 = margins[2];
    // Each value is counts[t] / length, as featuresOf makes it (which makes them only for other readers).
    // The next model's column (toxicity's, where shareRows laid it beside these) is copied out in the same
    // pass over the rows, for the kept scan (kept-column.ts).
    const copy =
      keep && stride > column + 3
        ? keptColumnFor(text, dimension, quantized, stride, column + 3, count)
        : undefined;
    if (copy) {
      for (let t = 0; t < count; t++) {
        const value = counts[t] / length;
        const offset = indices[t] * stride + column;
        margin0 += decoded[quantized[offset] + shift] * value;
        margin1 += decoded[quantized[offset + 1] + shift] * value;
        margin2 += decoded[quantized[offset + 2] + shift] * value;
        copy[t] = quantized[offset + 3];
      }
    } else {
      for (let t = 0; t < count; t++) {
        const value = counts[t] / length;
        const offset = indices[t] * stride + column;
        margin0 += decoded[quantized[offset] + shift] * value;
        margin1 += decoded[quantized[offset + 1] + shift] * value;
        margin2 += decoded[quantized[offset + 2] + shift] * value;
      }
    }
    return [1 / (1 + Math.exp(-margin0)), 1 / (1 + Math.exp(-margin1)), 1 / (1 + Math.exp(-margin2))];
  }
  const { count, values, weights } = rows(text, dimension, table, keep);
  for (let t = 0; t < count; t++) {
    const value = values[t];
    for (let j = 0; j < m; j++) margins[j] += weights[t * m + j] * value;
  }
  return margins.map((margin) => 1 / (1 + Math.exp(-margin)));
}

/**
 * The buffer for column `column` of the rows about to be read for the kept scan (toxicity's, where
 * shareRows laid it beside the prompt tasks'): kept-column.ts, marked as holding those rows' values.
 * Undefined where the scan is not kept.
 */
function keptColumnFor(
  text: string,
  dimension: number,
  quantized: Int16Array,
  stride: number,
  column: number,
  count: number,
): Int16Array | undefined {
  const scan = keptScan(text, dimension);
  if (!scan) return undefined;
  if (keptColumn.values.length < count)
    keptColumn.values = new Int16Array(Math.max(count, 2 * keptColumn.values.length));
  keptColumn.generation = scan.generation;
  keptColumn.quantized = quantized;
  keptColumn.stride = stride;
  keptColumn.column = column;
  keptColumn.count = count;
  return keptColumn.values;
}
