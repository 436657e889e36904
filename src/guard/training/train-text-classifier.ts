// Trains a binary text classifier (injection/jailbreak or toxicity) on the training split only.
import {
  type LinearModel,
  predictProbabilities,
  type TrainingExample,
  textFeatures,
  trainLinearModel,
} from '../classifier/index.js';
import type { LabelledText } from '../datasets/index.js';
import {
  recallAtFalsePositiveRate,
  type ScoredExample,
  thresholdAtFalsePositiveRate,
} from '../eval/binary-metrics.js';
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
  /**
   * Choose the shipped operating threshold without touching the test split: k-fold out-of-fold scores
   * on the training rows, and the threshold whose false-positive rate on them stays within the budget.
   */
  operatingPoint?: {
    falsePositiveRate: number;
    folds?: number;
    score?: (text: string, model: LinearModel) => number;
  };
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
  const trainOn = (subset: readonly TrainingExample[]) =>
    trainLinearModel(subset, {
      name,
      classes,
      dimension: textClassifierDimension,
      epochs,
      learningRate: 0.1,
      l2: 1e-5,
    });
  const model = trainOn(examples);
  model.metadata = { ...options.metadata, trainingRows: train.length, positives, negatives, epochs };
  if (options.operatingPoint) {
    const { falsePositiveRate, folds = 5 } = options.operatingPoint;
    const score =
      options.operatingPoint.score ??
      ((text: string, foldModel: LinearModel) =>
        predictProbabilities(
          foldModel,
          textFeatures(normalize ? normalizeText(text).text : text, textClassifierDimension),
        )[1]);
    const outOfFold: ScoredExample[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const foldModel = trainOn(examples.filter((_, i) => i % folds !== fold));
      train.forEach((row, i) => {
        if (i % folds === fold) outOfFold.push({ score: score(row.text, foldModel), label: row.label });
      });
    }
    const threshold = thresholdAtFalsePositiveRate(outOfFold, falsePositiveRate);
    // Scores strictly above the cut are positives; the scanner compares with >=, so nudge it up.
    model.metadata.operatingThreshold = Math.min(1, Math.round((threshold + 1e-3) * 1000) / 1000);
    model.metadata.operatingPoint = `${folds}-fold out-of-fold scores on the training split, false-positive budget ${falsePositiveRate}`;
    model.metadata.outOfFoldRecall =
      Math.round(recallAtFalsePositiveRate(outOfFold, falsePositiveRate) * 1000) / 1000;
  }
  return model;
}
