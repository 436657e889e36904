// A small trained scorer: logistic regression on standardised features, fitted by batch gradient
// descent with L2. Its output is a probability that a candidate is right; its weights are plain JSON.

export interface LogisticScorer {
  weights: number[];
  bias: number;
  means: number[];
  scales: number[];
}

export interface TrainingRow {
  features: number[];
  label: 0 | 1;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

export function trainLogisticScorer(
  rows: readonly TrainingRow[],
  options: TrainOptions = {},
): LogisticScorer {
  const { epochs = 400, learningRate = 0.5, l2 = 1e-3 } = options;
  const width = rows[0]?.features.length ?? 0;
  const means = Array.from({ length: width }, (_, j) => mean(rows.map((row) => row.features[j] as number)));
  const scales = Array.from({ length: width }, (_, j) => {
    const values = rows.map((row) => (row.features[j] as number) - (means[j] as number));
    return Math.sqrt(mean(values.map((value) => value * value))) || 1;
  });
  const standardised = rows.map((row) =>
    row.features.map((value, j) => (value - (means[j] as number)) / (scales[j] as number)),
  );
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    standardised.forEach((features, index) => {
      const error = sigmoid(dot(weights, features) + bias) - (rows[index] as TrainingRow).label;
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] as number) + error * (features[j] as number);
      biasGradient += error;
    });
    for (let j = 0; j < width; j++) {
      weights[j] =
        (weights[j] as number) -
        learningRate * ((gradient[j] as number) / rows.length + l2 * (weights[j] as number));
    }
    bias -= (learningRate * biasGradient) / rows.length;
  }
  return { weights, bias, means, scales };
}

export function scoreWith(scorer: LogisticScorer, features: readonly number[]): number {
  const standardised = features.map((value, j) => (value - (scorer.means[j] ?? 0)) / (scorer.scales[j] ?? 1));
  return sigmoid(dot(scorer.weights, standardised) + scorer.bias);
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let total = 0;
  for (let j = 0; j < a.length; j++) total += (a[j] as number) * (b[j] as number);
  return total;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
