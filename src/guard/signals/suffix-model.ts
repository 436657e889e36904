// The shipped adversarial-suffix model: the character model of benign text (weights/suffix-lm.json) and
// the contrast threshold chosen on the validation split's benign rows (train-suffix-model.ts).
import { readFileSync } from 'node:fs';
import { shippedWeightsPath } from '../classifier/shipped-weights.js';
import { type CharLanguageModel, parseCharLanguageModel } from './char-language-model.js';

export const suffixWeightsFile = 'suffix-lm.json';

export interface SuffixModel {
  model: CharLanguageModel;
  /** Contrast (bits per character) at or above which a prompt carries an adversarial suffix. */
  threshold: number;
  metadata: Record<string, unknown>;
}

let shipped: SuffixModel | undefined;

export function parseSuffixModel(json: string): SuffixModel {
  const data = JSON.parse(json) as {
    total: number;
    table: string;
    threshold: number;
    metadata?: Record<string, unknown>;
  };
  return { model: parseCharLanguageModel(data), threshold: data.threshold, metadata: data.metadata ?? {} };
}

/** Loads the shipped suffix model once per process. */
export function shippedSuffixModel(): SuffixModel {
  shipped ??= parseSuffixModel(readFileSync(shippedWeightsPath(suffixWeightsFile), 'utf8'));
  return shipped;
}
