// Trains the adversarial-suffix model: a character model of the shared benign corpus (benign-corpus.ts;
// no attack text), and the contrast threshold at `falsePositiveTarget` on the validation split's benign
// task rows (never the test split, never an attack row).
import type { GroupedRow } from '../datasets/index.js';
import { benignCorpus } from './benign-corpus.js';
import {
  leastNaturalWindow,
  serializeCharLanguageModel,
  trainCharLanguageModel,
} from './char-language-model.js';

export const suffixFalsePositiveTarget = 0.005;

export function trainSuffixModel(
  corpusRoot: string,
  rows: readonly GroupedRow[],
  falsePositiveTarget = suffixFalsePositiveTarget,
): string {
  const corpus = benignCorpus(corpusRoot);
  const model = trainCharLanguageModel(corpus);
  const contrasts = rows
    .filter((row) => row.split === 'validation' && row.kind.startsWith('benign'))
    .map((row) => leastNaturalWindow(model, row.text).contrast)
    .sort((a, b) => b - a);
  const index = Math.floor(falsePositiveTarget * contrasts.length);
  const threshold = Math.round(((contrasts[index] ?? 0) + 1e-3) * 1000) / 1000;
  return `${JSON.stringify({
    ...serializeCharLanguageModel(model),
    threshold,
    metadata: {
      corpus:
        'shared datasets: IR collections (CACM, CISI, Cranfield, MED), GSM8K test questions, solutions and recorded answers',
      corpusTexts: corpus.length,
      threshold: `contrast at ${falsePositiveTarget} false-positive rate on ${contrasts.length} validation benign task rows`,
    },
  })}\n`;
}
