// Trains a binary text classifier (injection/jailbreak or toxicity) on the training split only.
import {
  type LinearModel,
  type TrainingExample,
  textFeatures,
  trainLinearModel,
} from '../classifier/index.js';
import type { LabelledText } from '../datasets/index.js';
import { normalizeText } from '../normalize/index.js';

export const textClassifierDimension = 1 << 17;

export interface TextClassifierTraining {
  name: string;
  classes: [string, string];
  rows: readonly LabelledText[];
  epochs?: number;
  /** Applied before features (the injection model reads normalised text). */
  normalize?: boolean;
  metadata?: Record<string, unknown>;
}

export function trainTextClassifier(options: TextClassifierTraining): LinearModel {
  const { name, classes, rows, epochs = 10, normalize = true } = options;
  const train = rows.filter((row) => row.split === 'train');
  const positives = train.filter((row) => row.label === 1).length;
  const negatives = train.length - positives;
  // Balanced class weights: each class contributes as much as the other in total.
  const weightOf = (label: 0 | 1) =>
    label === 1 ? train.length / (2 * positives) : train.length / (2 * negatives);
  const examples: TrainingExample[] = train.map((row) => ({
    features: textFeatures(normalize ? normalizeText(row.text).text : row.text, textClassifierDimension),
    label: row.label,
    weight: weightOf(row.label),
  }));
  const model = trainLinearModel(examples, {
    name,
    classes,
    dimension: textClassifierDimension,
    epochs,
    learningRate: 0.1,
    l2: 1e-5,
  });
  model.metadata = { ...options.metadata, trainingRows: train.length, positives, negatives, epochs };
  return model;
}
