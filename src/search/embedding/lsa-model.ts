// Latent semantic analysis (Deerwester et al. 1990, first evaluated on MED, CISI and Cranfield): a
// truncated SVD of the log-tf·idf term-document matrix, computed by randomized SVD (Halko, Martinsson
// & Tropp 2011) so it fits in seconds without weights or native code. A text embeds as Uₖᵀ·x.

import { seededRandom } from '../../random/index.js';
import { type Analyzer, analyzeText } from '../analysis/index.js';
import { termFrequencies } from '../lexical/index.js';
import { symmetricEigen } from './symmetric-eigen.js';

export interface LsaModel {
  dimension: number;
  /** term → row of the projection. */
  vocabulary: Map<string, number>;
  idf: Float32Array;
  /** Row-major |vocabulary| × dimension matrix Uₖ. */
  projection: Float32Array;
}

export interface FitLsaOptions {
  dimension?: number;
  /** Terms in fewer documents than this are left out of the vocabulary. */
  minimumDocumentFrequency?: number;
  powerIterations?: number;
  seed?: number;
  analyzer?: Analyzer;
}

export function fitLsaModel(texts: readonly string[], options: FitLsaOptions = {}): LsaModel {
  const { minimumDocumentFrequency = 2, powerIterations = 2, seed = 42, analyzer = analyzeText } = options;
  const documents = texts.map((text) => termFrequencies(analyzer(text)));
  const documentFrequency = new Map<string, number>();
  for (const frequencies of documents) {
    for (const term of frequencies.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const vocabulary = new Map<string, number>();
  for (const [term, df] of documentFrequency)
    if (df >= minimumDocumentFrequency) vocabulary.set(term, vocabulary.size);
  const termCount = vocabulary.size;
  const idf = new Float32Array(termCount);
  for (const [term, row] of vocabulary) idf[row] = Math.log(texts.length / documentFrequency.get(term)!);
  const columns = documents.map((frequencies) => weightedColumn(frequencies, vocabulary, idf));

  const dimension = Math.max(1, Math.min(options.dimension ?? 256, termCount, texts.length));
  const width = Math.min(dimension + 10, termCount, texts.length);
  const random = seededRandom(seed);
  // Y = A·Ω, refined by power iterations Y = A·orth(Aᵀ·Y): the range of A's top singular vectors.
  let omega: Float64Array = new Float64Array(texts.length * width);
  for (let index = 0; index < omega.length; index++) omega[index] = gaussian(random);
  let y: Float64Array = multiplyA(columns, omega, termCount, width);
  orthonormaliseColumns(y, termCount, width);
  for (let iteration = 0; iteration < powerIterations; iteration++) {
    omega = multiplyATransposed(columns, y, width);
    orthonormaliseColumns(omega, texts.length, width);
    y = multiplyA(columns, omega, termCount, width);
    orthonormaliseColumns(y, termCount, width);
  }
  // B = Qᵀ·A is small (width × documents); the eigenvectors of B·Bᵀ rotate Q onto A's singular vectors.
  const bTransposed = multiplyATransposed(columns, y, width);
  const gram = new Float64Array(width * width);
  for (let row = 0; row < texts.length; row++) {
    const offset = row * width;
    for (let i = 0; i < width; i++) {
      const value = bTransposed[offset + i];
      if (value === 0) continue;
      for (let j = i; j < width; j++) gram[i * width + j] += value * bTransposed[offset + j];
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) gram[i * width + j] = gram[j * width + i];
  const { vectors } = symmetricEigen(gram, width);
  const projection = new Float32Array(termCount * dimension);
  for (let term = 0; term < termCount; term++) {
    for (let component = 0; component < dimension; component++) {
      let sum = 0;
      for (let k = 0; k < width; k++) sum += y[term * width + k] * vectors[k * width + component];
      projection[term * dimension + component] = sum;
    }
  }
  return { dimension, vocabulary, idf, projection };
}

/** Projects a text into the LSA space, unit length (all zeros when no term is known). */
export function embedWithLsa(model: LsaModel, text: string, analyzer: Analyzer = analyzeText): Float32Array {
  const column = weightedColumn(termFrequencies(analyzer(text)), model.vocabulary, model.idf);
  const vector = new Float32Array(model.dimension);
  for (let index = 0; index < column.rows.length; index++) {
    const offset = column.rows[index] * model.dimension;
    const weight = column.weights[index];
    for (let component = 0; component < model.dimension; component++) {
      vector[component] += weight * model.projection[offset + component];
    }
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let component = 0; component < vector.length; component++) vector[component] *= scale;
  }
  return vector;
}

interface SparseColumn {
  rows: Int32Array;
  weights: Float64Array;
}

// log(1 + tf) · idf, normalised to unit length so long documents do not dominate the factorisation.
function weightedColumn(
  frequencies: Map<string, number>,
  vocabulary: Map<string, number>,
  idf: Float32Array,
): SparseColumn {
  const rows: number[] = [];
  const weights: number[] = [];
  let norm = 0;
  for (const [term, tf] of frequencies) {
    const row = vocabulary.get(term);
    if (row === undefined) continue;
    const weight = Math.log1p(tf) * idf[row];
    rows.push(row);
    weights.push(weight);
    norm += weight * weight;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { rows: Int32Array.from(rows), weights: Float64Array.from(weights, (weight) => weight * scale) };
}

// A (terms × documents, sparse columns) times M (documents × width, dense row-major).
function multiplyA(columns: SparseColumn[], m: Float64Array, termCount: number, width: number): Float64Array {
  const result = new Float64Array(termCount * width);
  columns.forEach((column, document) => {
    const source = document * width;
    for (let index = 0; index < column.rows.length; index++) {
      const target = column.rows[index] * width;
      const weight = column.weights[index];
      for (let k = 0; k < width; k++) result[target + k] += weight * m[source + k];
    }
  });
  return result;
}

// Aᵀ (documents × terms) times M (terms × width).
function multiplyATransposed(columns: SparseColumn[], m: Float64Array, width: number): Float64Array {
  const result = new Float64Array(columns.length * width);
  columns.forEach((column, document) => {
    const target = document * width;
    for (let index = 0; index < column.rows.length; index++) {
      const source = column.rows[index] * width;
      const weight = column.weights[index];
      for (let k = 0; k < width; k++) result[target + k] += weight * m[source + k];
    }
  });
  return result;
}

// Modified Gram-Schmidt on the columns of a rows × width row-major matrix, in place.
function orthonormaliseColumns(matrix: Float64Array, rows: number, width: number): void {
  for (let column = 0; column < width; column++) {
    for (let previous = 0; previous < column; previous++) {
      let dot = 0;
      for (let row = 0; row < rows; row++)
        dot += matrix[row * width + column] * matrix[row * width + previous];
      for (let row = 0; row < rows; row++)
        matrix[row * width + column] -= dot * matrix[row * width + previous];
    }
    let norm = 0;
    for (let row = 0; row < rows; row++) norm += matrix[row * width + column] ** 2;
    const scale = norm > 1e-24 ? 1 / Math.sqrt(norm) : 0;
    for (let row = 0; row < rows; row++) matrix[row * width + column] *= scale;
  }
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}
