// The name/address tagger's weights without their empty rows: seven of eight rows of the shipped 2^18 × 3
// table are zero (12 MB of 64-bit or 3 MB of 32-bit floats, read at random ~30 times per token). A bitmap
// says which rows hold weights (32 KB) and a rank per 32 rows finds a row's place in the compact table,
// kept in 16 bits where every weight is exactly fround(k / 1000) (margin-tables.ts). A zero row adds
// nothing, so skipping it leaves every score as it was, bit for bit.
import { compactTable, type LinearModel, type WeightTable } from '../classifier/index.js';
import { type FeatureRows, featureRows } from './token-features.js';

export interface SparseRows {
  /** Bit `index` set: row `index` has a non-zero weight. */
  bits: Uint32Array;
  /** Non-zero rows before each 32-row word. */
  rank: Int32Array;
  /** The non-zero rows, in index order, `classes` weights each. */
  rows: WeightTable;
  /** The same bitmap and ranks as tokenFeatureRows reads them, with the rows of the constant features. */
  features: FeatureRows;
}

const cache = new WeakMap<LinearModel, SparseRows>();

/** Built at a model's first use: a model must not be trained further after it has tagged. */
export function sparseRows(model: LinearModel): SparseRows {
  const found = cache.get(model);
  if (found) return found;
  const k = model.classes.length;
  const bits = new Uint32Array((model.dimension >>> 5) + 1);
  const rank = new Int32Array(bits.length);
  let count = 0;
  for (let index = 0; index < model.dimension; index++) {
    if ((index & 31) === 0) rank[index >>> 5] = count;
    let nonZero = false;
    for (let c = 0; c < k; c++) if (model.weights[index * k + c] !== 0) nonZero = true;
    if (!nonZero) continue;
    bits[index >>> 5] |= 1 << (index & 31);
    count++;
  }
  const values =
    model.weights instanceof Float32Array ? new Float32Array(count * k) : new Float64Array(count * k);
  let row = 0;
  for (let index = 0; index < model.dimension; index++) {
    if (!(bits[index >>> 5] & (1 << (index & 31)))) continue;
    for (let c = 0; c < k; c++) values[row * k + c] = model.weights[index * k + c];
    row++;
  }
  const sparse = {
    bits,
    rank,
    rows: compactTable(values, k),
    features: featureRows(bits, rank, k, model.dimension),
  };
  cache.set(model, sparse);
  return sparse;
}
