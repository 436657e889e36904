// A small logistic-regression classifier: trained by full-batch gradient descent with L2, stored as
// a JSON file of weights (no runtime dependency, deterministic).

export interface LogisticModel {
  /** What the model predicts (for humans reading the weights file). */
  target: string;
  /** Feature layout the weights expect: the dense names, then `hashBuckets` hashed words. */
  features: readonly string[];
  hashBuckets: number;
  weights: number[];
  /** Per-feature standardisation learnt on the training rows. */
  mean: number[];
  scale: number[];
  /** Provenance: data, split and training settings. */
  trainedOn?: string;
}

export interface TrainOptions {
  iterations?: number;
  learningRate?: number;
  l2?: number;
}

export function trainLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  { iterations = 800, learningRate = 0.3, l2 = 0.01 }: TrainOptions = {},
): Pick<LogisticModel, 'weights' | 'mean' | 'scale'> {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(1);
  for (let j = 1; j < width; j++) {
    let sum = 0;
    for (const row of rows) sum += row[j] as number;
    mean[j] = sum / rows.length;
    let variance = 0;
    for (const row of rows) variance += ((row[j] as number) - (mean[j] as number)) ** 2;
    scale[j] = Math.sqrt(variance / rows.length) || 1;
  }
  const x = rows.map((row) => standardise(row, mean, scale));
  const weights = new Array<number>(width).fill(0);
  const gradient = new Array<number>(width);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as number[];
      const error = sigmoid(dot(weights, row)) - (labels[i] as number);
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] as number) + error * (row[j] as number);
    }
    for (let j = 0; j < width; j++) {
      const penalty = j === 0 ? 0 : l2 * (weights[j] as number);
      weights[j] = (weights[j] as number) - learningRate * ((gradient[j] as number) / x.length + penalty);
    }
  }
  return { weights, mean, scale };
}

/** The predicted probability of the positive class. */
export function predictLogistic(
  model: Pick<LogisticModel, 'weights' | 'mean' | 'scale'>,
  features: readonly number[],
): number {
  return sigmoid(dot(model.weights, standardise(features, model.mean, model.scale)));
}

function standardise(row: readonly number[], mean: readonly number[], scale: readonly number[]): number[] {
  return row.map((value, j) => (j === 0 ? 1 : (value - (mean[j] ?? 0)) / (scale[j] ?? 1)));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] as number) * ((b[j] as number) ?? 0);
  return sum;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
