// A multinomial logistic-regression model over hashed features: the guard's classifiers (injection,
// toxicity, the PII token tagger) are all this shape, which keeps inference well under a millisecond.
import { readFileSync } from 'node:fs';
import { GantryError } from '../../errors/index.js';
import type { SparseVector } from './feature-hash.js';

export interface LinearModel {
  name: string;
  classes: string[];
  dimension: number;
  bias: Float64Array;
  /**
   * Row-major: weights[index * classes.length + class]. Training uses 64-bit floats; loaded models use
   * 32-bit ones (the files keep 3 decimals), which halves the memory that inference walks at random.
   */
  weights: Float64Array | Float32Array;
  /** Free-form facts about training (data, split, epochs), kept with the weights. */
  metadata: Record<string, unknown>;
}

/** The on-disk form: only non-zero rows, rounded, so that the shipped files stay small. */
interface SerializedModel {
  format: 'gantry-linear-model/1';
  name: string;
  classes: string[];
  dimension: number;
  bias: number[];
  /** Per hashed index: the class weights, or for two classes one number (class 1 minus class 0). */
  rows: Record<string, number[] | number>;
  metadata: Record<string, unknown>;
}

export function createLinearModel(name: string, classes: string[], dimension: number): LinearModel {
  return {
    name,
    classes,
    dimension,
    bias: new Float64Array(classes.length),
    weights: new Float64Array(dimension * classes.length),
    metadata: {},
  };
}

/** Class probabilities (softmax over the linear scores). */
export function predictProbabilities(model: LinearModel, features: SparseVector): Float64Array {
  const k = model.classes.length;
  const scores = Float64Array.from(model.bias);
  for (const [index, value] of features) {
    const offset = index * k;
    for (let c = 0; c < k; c++) scores[c] += model.weights[offset + c] * value;
  }
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    scores[c] = Math.exp(scores[c] - max);
    sum += scores[c];
  }
  for (let c = 0; c < k; c++) scores[c] /= sum;
  return scores;
}

export function serializeLinearModel(model: LinearModel, minimumWeight = 1e-3): string {
  const k = model.classes.length;
  const round = (w: number) => Math.round(w * 1e3) / 1e3;
  const rows: Record<string, number[] | number> = {};
  for (let index = 0; index < model.dimension; index++) {
    const row = Array.from(model.weights.subarray(index * k, index * k + k));
    // Softmax over two classes depends only on the difference, which halves the file.
    if (k === 2) {
      const difference = row[1] - row[0];
      if (Math.abs(difference) >= minimumWeight) rows[index] = round(difference);
    } else if (row.some((w) => Math.abs(w) >= minimumWeight)) rows[index] = row.map(round);
  }
  const serialized: SerializedModel = {
    format: 'gantry-linear-model/1',
    name: model.name,
    classes: model.classes,
    dimension: model.dimension,
    bias: k === 2 ? [0, round(model.bias[1] - model.bias[0])] : Array.from(model.bias, round),
    rows,
    metadata: model.metadata,
  };
  return JSON.stringify(serialized);
}

export function parseLinearModel(json: string, source: string): LinearModel {
  let data: SerializedModel;
  try {
    data = JSON.parse(json) as SerializedModel;
  } catch (error) {
    throw invalid(source, 'it is not valid JSON', error);
  }
  if (data?.format !== 'gantry-linear-model/1' || !Array.isArray(data.classes) || !data.rows) {
    throw invalid(source, 'it is not a gantry-linear-model/1 file');
  }
  const model: LinearModel = {
    ...createLinearModel(data.name, data.classes, 0),
    dimension: data.dimension,
    weights: new Float32Array(data.dimension * data.classes.length),
  };
  model.bias.set(data.bias);
  model.metadata = data.metadata ?? {};
  const k = data.classes.length;
  for (const [index, row] of Object.entries(data.rows)) {
    model.weights.set(typeof row === 'number' ? [0, row] : row, Number(index) * k);
  }
  return model;
}

export function loadLinearModel(path: string | URL): LinearModel {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    throw invalid(String(path), 'it cannot be read', error);
  }
  return parseLinearModel(json, String(path));
}

function invalid(source: string, why: string, cause?: unknown): GantryError {
  return new GantryError(
    'GUARD_WEIGHTS_INVALID',
    `The classifier weights at ${source} cannot be used: ${why}.`,
    {
      hint: 'Retrain with `gantry guard train`, or reinstall the package to restore the shipped weights.',
      details: { source },
      cause,
    },
  );
}
