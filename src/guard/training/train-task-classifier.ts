// Trains one prompt-task classifier (injection, jailbreak or harmful request) on the training split of
// the grouped task rows, and chooses its operating threshold on the validation split (never the test
// split): the lowest score whose false-positive rate on validation negatives stays within the target.
import {
  type LinearModel,
  parseLinearModel,
  serializeLinearModel,
  type TrainingExample,
  textFeatures,
  trainLinearModel,
} from '../classifier/index.js';
import type { GroupedRow, GuardTask, PromptKind } from '../datasets/index.js';
import { labelFor } from '../datasets/index.js';
import { type ScoredExample, thresholdAtFalsePositiveRate } from '../eval/binary-metrics.js';
import { normalizeText } from '../normalize/index.js';
import { taskScore } from '../scanners/index.js';
import { textClassifierDimension } from './train-text-classifier.js';

/** What the issue allows at the shipped threshold on held-out benign prompts. */
export const falsePositiveBudgets: Record<GuardTask, number> = {
  injection: 0.03,
  jailbreak: 0.03,
  harmful: 0.05,
};

/** The false-positive rate aimed at on validation: under the budget, since new sources shift scores up. */
export const validationFalsePositiveTargets: Record<GuardTask, number> = {
  injection: 0.02,
  jailbreak: 0.02,
  harmful: 0.035,
};

export interface LabelledRow {
  text: string;
  label: 0 | 1;
  kind: PromptKind;
  source: string;
  group: string;
  representative: boolean;
  category?: string;
  /** What training and threshold choice read instead of `text` (TaskRow.trainingText). */
  trainingText?: string;
}

/**
 * The rows a task trains and chooses thresholds on, with their labels. Evaluation-only rows are left out
 * unless `evaluationOnly` is true, which returns only those (for reporting, never for training).
 */
export function taskRowsFor(
  task: GuardTask,
  rows: readonly GroupedRow[],
  evaluationOnly = false,
): (LabelledRow & { split: GroupedRow['split'] })[] {
  const out: (LabelledRow & { split: GroupedRow['split'] })[] = [];
  for (const row of rows) {
    if (row.tasks && !row.tasks.includes(task)) continue;
    if ((row.evaluationOnly ?? false) !== evaluationOnly) continue;
    const label = labelFor(task, row.kind);
    if (label === undefined) continue;
    out.push({
      text: row.text,
      label,
      kind: row.kind,
      source: row.source,
      group: row.group,
      representative: row.representative,
      split: row.split,
      ...(row.category ? { category: row.category } : {}),
      ...(row.trainingText ? { trainingText: row.trainingText } : {}),
    });
  }
  return out;
}

/** A balanced logistic regression over hashed word and character n-grams of the normalised text. */
export function fitTaskModel(task: GuardTask, rows: readonly LabelledRow[], epochs = 10): LinearModel {
  const positives = rows.filter((row) => row.label === 1).length;
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0)
    throw new Error(`Cannot train ${task}: ${positives} positives and ${negatives} negatives`);
  const weightOf = (label: 0 | 1) =>
    label === 1 ? rows.length / (2 * positives) : rows.length / (2 * negatives);
  const examples: TrainingExample[] = rows.map((row) => ({
    features: textFeatures(normalizeText(row.trainingText ?? row.text).text, textClassifierDimension),
    label: row.label,
    weight: weightOf(row.label),
  }));
  const model = trainLinearModel(examples, {
    name: task,
    classes: ['benign', task],
    dimension: textClassifierDimension,
    epochs,
    learningRate: 0.1,
    l2: 1e-5,
  });
  model.metadata = { trainingRows: rows.length, positives, negatives, epochs };
  return model;
}

/** Weights smaller than this are dropped from a prompt-task model's shipped file. */
export const taskPruningThreshold = 1e-2;

/**
 * The model as its shipped file holds it: pruned, rounded to 3 decimals and read back as 32-bit weights
 * (what `loadShippedModel` gives). The shipped threshold is chosen on this form, so that anyone who reads
 * the weights file (bench/guard/train-signals.ts, `gantry guard eval`) re-chooses the same threshold; on
 * the full-precision model injection's came out 0.536 where its file gives 0.535.
 */
export function asShipped(model: LinearModel, minimumWeight = taskPruningThreshold): LinearModel {
  return parseLinearModel(serializeLinearModel(model, minimumWeight), `${model.name} (as shipped)`);
}

export interface OperatingPoint {
  threshold: number;
  recall: number;
  falsePositiveRate: number;
  positives: number;
  negatives: number;
}

/**
 * Negatives that count for the false-positive rate: benign prompts (role-play and sensitive topics
 * included). Plain harmful requests are negatives when training the injection and jailbreak models (they
 * learn the framing, not the goal), but flagging one is no false alarm.
 */
export function countsForFalsePositives(row: LabelledRow): boolean {
  return row.label === 0 && row.kind.startsWith('benign');
}

/** The shipped threshold: chosen on validation rows at the task's target false-positive rate. */
export function chooseThreshold(
  task: GuardTask,
  model: LinearModel,
  validation: readonly LabelledRow[],
  target = validationFalsePositiveTargets[task],
): OperatingPoint {
  const scored: ScoredExample[] = validation
    .filter((row) => row.label === 1 || countsForFalsePositives(row))
    .map((row) => ({
      score: taskScore(task, row.trainingText ?? row.text, model),
      label: row.label,
    }));
  const cut = thresholdAtFalsePositiveRate(scored, target);
  // Scores strictly above the cut are positives; scanners compare with >=, so nudge it up.
  const threshold = Math.min(1, Math.max(0.05, Math.round((cut + 1e-3) * 1000) / 1000));
  const positives = scored.filter((s) => s.label === 1);
  const negatives = scored.filter((s) => s.label === 0);
  return {
    threshold,
    recall: positives.filter((s) => s.score >= threshold).length / (positives.length || 1),
    falsePositiveRate: negatives.filter((s) => s.score >= threshold).length / (negatives.length || 1),
    positives: positives.length,
    negatives: negatives.length,
  };
}

/**
 * The shipped threshold rule: `chooseThreshold` on the model as its file holds it (`asShipped`), so that
 * reading the weights file and re-choosing on the same validation rows gives the same threshold.
 */
export function shippedOperatingPoint(
  task: GuardTask,
  model: LinearModel,
  validation: readonly LabelledRow[],
): OperatingPoint {
  return chooseThreshold(task, asShipped(model), validation);
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Trains on the training split, chooses the threshold on the validation split with the model as shipped
 * (`shippedOperatingPoint`), records both in metadata.
 */
export function trainTaskModel(
  task: GuardTask,
  rows: readonly GroupedRow[],
  metadata: Record<string, unknown> = {},
): LinearModel {
  const labelled = taskRowsFor(task, rows);
  const model = fitTaskModel(
    task,
    labelled.filter((row) => row.split === 'train'),
  );
  const point = shippedOperatingPoint(
    task,
    model,
    labelled.filter((row) => row.split === 'validation'),
  );
  model.metadata = {
    ...metadata,
    ...model.metadata,
    operatingThreshold: point.threshold,
    operatingPoint: `validation split (groups never in training), false-positive target ${validationFalsePositiveTargets[task]}`,
    validation: {
      recall: round3(point.recall),
      falsePositiveRate: round3(point.falsePositiveRate),
      positives: point.positives,
      negatives: point.negatives,
    },
    sources: [...new Set(labelled.map((row) => row.source))].sort(),
  };
  return model;
}
