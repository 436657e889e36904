// Weight tables read by the text classifiers, made small: a weight table is megabytes that the rest of a
// policy (and every other process on the machine) pushes out of cache, so each feature read at random
// costs a cache and TLB miss. The shipped weights have 3 decimals, so a weight w is exactly
// Math.fround(k / 1000) for an integer k: where that holds for every weight of a table, it is kept as
// 16-bit k (a quarter of the 64-bit or half of the 32-bit table) and decoded on read, to the same number.
// Rows are read block by block (`sortByBlock`) into a buffer, and the sums then run over that buffer in
// the features' first-seen order, so that they round exactly as a read in first-seen order did.
import type { LinearModel } from './linear-model.js';

/**
 * `width` weights per row; exactly one of `quantized` (k, decoded as fround(k / 1000)) or `table`. A
 * quantized table may sit inside a wider one shared with other models (`stride` numbers per row, this
 * table's first at `column`), so that models read together touch one cache line per feature.
 */
export interface WeightTable {
  width: number;
  quantized?: Int16Array;
  table?: Float32Array | Float64Array;
  stride?: number;
  column?: number;
}

/** A table of `width` numbers per row, 16-bit where every number is exactly fround(k / 1000). */
export function compactTable(values: Float32Array | Float64Array, width: number): WeightTable {
  const quantized = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = Math.round(values[i] * 1000);
    if (k < -32768 || k > 32767 || Math.fround(k / 1000) !== values[i] || Object.is(values[i], -0))
      return { width, table: values };
    quantized[i] = k;
  }
  return { width, quantized };
}

/**
 * Every value of a 16-bit table decoded once: decoded[k - low] is Math.fround(k / 1000) for each k from the
 * table's lowest to its highest value (a Float32Array holds exactly that number), so that a read is a
 * lookup in a few kilobytes instead of a division per weight. The same numbers.
 */
export interface Decoder {
  decoded: Float32Array;
  /** Added to a stored k to find its decoded value: minus the table's lowest k. */
  shift: number;
}

const decoders = new WeakMap<Int16Array, Decoder>();

export function decoderOf(quantized: Int16Array): Decoder {
  let decoder = decoders.get(quantized);
  if (!decoder) {
    let low = 0;
    let high = 0;
    for (let i = 0; i < quantized.length; i++) {
      const k = quantized[i];
      if (k < low) low = k;
      else if (k > high) high = k;
    }
    const decoded = new Float32Array(high - low + 1);
    for (let k = low; k <= high; k++) decoded[k - low] = Math.fround(k / 1000);
    decoder = { decoded, shift: -low };
    decoders.set(quantized, decoder);
  }
  return decoder;
}

const marginTables = new WeakMap<LinearModel, { models: readonly LinearModel[]; table: WeightTable }[]>();

/**
 * Per set of binary models: each feature's class-1-minus-class-0 weight side by side, in 32-bit floats as
 * before (or their 16-bit form), so that one cache line serves every model at a feature. Built at a model
 * set's first prediction: a model must not be trained further after it has predicted.
 */
export function marginTable(models: readonly LinearModel[]): WeightTable {
  const list = marginTables.get(models[0]) ?? [];
  const found = list.find(
    (entry) => entry.models.length === models.length && entry.models.every((x, i) => x === models[i]),
  );
  if (found) return found.table;
  const m = models.length;
  const values = new Float32Array(models[0].dimension * m);
  for (let j = 0; j < m; j++) {
    const weights = models[j].weights;
    for (let index = 0; index < models[0].dimension; index++)
      values[index * m + j] = weights[index * 2 + 1] - weights[index * 2];
  }
  const table = compactTable(values, m);
  list.push({ models: [...models], table });
  marginTables.set(models[0], list);
  return table;
}

const positiveTables = new WeakMap<LinearModel, WeightTable | null>();

/**
 * Lays the margin table of `marginModels` and the positive tables of `positiveModels` side by side in one
 * 16-bit table (every model of one dimension, every number exactly fround(k / 1000)): the shipped
 * policy reads the prompt-task weights of a text's features and then toxicity's for the same features,
 * which then come from the cache lines just read. The numbers are the separate tables' own; where any of
 * them cannot be kept in 16 bits (or a model is not of that shape) nothing is shared.
 */
export function shareRows(
  marginModels: readonly LinearModel[],
  positiveModels: readonly LinearModel[],
): void {
  const dimension = marginModels[0]?.dimension;
  const all = [...marginModels, ...positiveModels];
  if (!dimension || all.some((m) => m.dimension !== dimension || m.classes.length !== 2)) return;
  const margin = marginTable(marginModels);
  const positives = positiveModels.map(positiveTable);
  if (!margin.quantized || positives.some((p) => !p?.quantized || p.stride !== undefined)) return;
  if (margin.stride !== undefined) return;
  const m = marginModels.length;
  const stride = m + positiveModels.length;
  const shared = new Int16Array(dimension * stride);
  for (let index = 0; index < dimension; index++) {
    for (let j = 0; j < m; j++) shared[index * stride + j] = margin.quantized[index * m + j];
    positives.forEach((p, j) => {
      shared[index * stride + m + j] = (p as WeightTable & { quantized: Int16Array }).quantized[index];
    });
  }
  Object.assign(margin, { quantized: shared, stride, column: 0 });
  positives.forEach((p, j) => {
    Object.assign(p as WeightTable, { quantized: shared, stride, column: m + j });
  });
}

/**
 * A binary model whose class-0 bias and weights are all zero (every shipped one: the files keep the
 * difference) scores class 0 at exactly 0: only its class-1 weights need reading. Null for other models.
 */
export function positiveTable(model: LinearModel): WeightTable | null {
  let table = positiveTables.get(model);
  if (table !== undefined) return table;
  table = null;
  if (model.classes.length === 2 && model.bias[0] === 0) {
    const positive = new Float64Array(model.dimension);
    let zero = true;
    for (let index = 0; index < model.dimension && zero; index++) {
      zero = model.weights[index * 2] === 0;
      positive[index] = model.weights[index * 2 + 1];
    }
    if (zero) table = compactTable(positive, 1);
  }
  positiveTables.set(model, table);
  return table;
}

const blockBits = 10;
let blockCounts = new Int32Array(0);

/** `order`: positions 0..count-1 sorted by the block (1,024 rows: a few pages) their index falls in. */
export function sortByBlock(count: number, indices: Int32Array, dimension: number, order: Int32Array): void {
  const blocks = (dimension >>> blockBits) + 1;
  if (blockCounts.length < blocks + 1) blockCounts = new Int32Array(blocks + 1);
  blockCounts.fill(0, 0, blocks + 1);
  for (let t = 0; t < count; t++) blockCounts[(indices[t] >>> blockBits) + 1]++;
  for (let b = 1; b <= blocks; b++) blockCounts[b] += blockCounts[b - 1];
  for (let t = 0; t < count; t++) order[blockCounts[indices[t] >>> blockBits]++] = t;
}

let gathered = new Float64Array(1 << 16);
/** Keeps the touch pass from being optimised away. */
export let prefetched = 0;

/**
 * Reads, in `order`, row `indices[t]` of the table into gathered[t * width ...]: the weights as numbers,
 * laid out in first-seen order (the buffer is reused: valid until the next call).
 */
export function gatherRows(
  table: WeightTable,
  count: number,
  indices: Int32Array,
  order: Int32Array,
): Float64Array {
  const width = table.width;
  if (gathered.length < count * width) gathered = new Float64Array(count * width);
  const out = gathered;
  if (table.quantized) {
    const quantized = table.quantized;
    const stride = table.stride ?? width;
    const column = table.column ?? 0;
    // A first pass that only touches each row: its loads are independent and the loop is small, so the
    // core keeps many cache misses in flight at once; the second pass then reads from cache.
    let touch = 0;
    for (let r = 0; r < count; r++) touch |= quantized[indices[order[r]] * stride + column];
    prefetched = touch;
    for (let r = 0; r < count; r++) {
      const t = order[r];
      const offset = indices[t] * stride + column;
      for (let c = 0; c < width; c++) out[t * width + c] = Math.fround(quantized[offset + c] / 1000);
    }
  } else {
    const values = table.table as Float32Array | Float64Array;
    for (let r = 0; r < count; r++) {
      const t = order[r];
      const offset = indices[t] * width;
      for (let c = 0; c < width; c++) out[t * width + c] = values[offset + c];
    }
  }
  return out;
}

/** Weight `c` of row `index`, as gatherRows reads it. */
export function rowWeight(table: WeightTable, index: number, c = 0): number {
  if (table.quantized)
    return Math.fround(
      table.quantized[index * (table.stride ?? table.width) + (table.column ?? 0) + c] / 1000,
    );
  return (table.table as Float32Array | Float64Array)[index * table.width + c];
}
