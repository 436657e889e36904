// Stochastic gradient descent for the multinomial logistic regression in linear-model.ts, with
// per-feature AdaGrad steps (rare n-grams still learn) and L2 decay applied lazily to touched rows.
import type { SparseVector } from './feature-hash.js';
import { createLinearModel, type LinearModel, predictProbabilities } from './linear-model.js';

export interface TrainingExample {
  features: SparseVector;
  label: number;
  weight?: number;
}

export interface TrainOptions {
  name: string;
  classes: string[];
  dimension: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Deterministic shuffling. */
  seed?: number;
}

export function trainLinearModel(examples: readonly TrainingExample[], options: TrainOptions): LinearModel {
  const { name, classes, dimension, epochs = 8, learningRate = 0.3, l2 = 1e-6, seed = 1 } = options;
  const model = createLinearModel(name, classes, dimension);
  const k = classes.length;
  const squared = new Float64Array(dimension * k);
  const biasSquared = new Float64Array(k);
  const order = examples.map((_, i) => i);
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const position of order) {
      const example = examples[position];
      const probabilities = predictProbabilities(model, example.features);
      const weight = example.weight ?? 1;
      for (let c = 0; c < k; c++) {
        const gradient = (probabilities[c] - (c === example.label ? 1 : 0)) * weight;
        if (gradient === 0) continue;
        biasSquared[c] += gradient * gradient;
        model.bias[c] -= (learningRate * gradient) / Math.sqrt(biasSquared[c] + 1e-8);
        for (const [index, value] of example.features) {
          const slot = index * k + c;
          const g = gradient * value + l2 * model.weights[slot];
          squared[slot] += g * g;
          model.weights[slot] -= (learningRate * g) / Math.sqrt(squared[slot] + 1e-8);
        }
      }
    }
  }
  return model;
}
