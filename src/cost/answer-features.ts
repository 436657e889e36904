// Features of a cheap model's answer that a cascade's verifier reads (FrugalGPT's "answer scorer"):
// the shape of the final answer, the arithmetic it writes down, hedging words, and the question's
// own dense features. No model call: a logistic model over these predicts "the answer is right".
import { checkArithmetic, numericAnswer } from '../reason/index.js';
import { denseFeatureNames, promptFeatures } from './features.js';

export const answerFeatureNames = [
  'bias',
  'integer_final_marker',
  'any_final_marker',
  'arithmetic_checked',
  'arithmetic_wrong',
  'log_answer_chars',
  'lines',
  'answer_in_question',
  'answer_not_whole',
  'answer_zero_or_negative',
  'log_answer_magnitude',
  'hedging_words',
] as const;

/** Names of the whole vector: the answer features, then the question's dense features. */
export const verifierFeatureNames = [...answerFeatureNames, ...denseFeatureNames.slice(1)];

const hedging = /\b(however|but|actually|assum\w*|approximately|round\w*|cannot|can't|not possible|wait)\b/gi;

/** Answer features followed by the question's dense features (no hashed words). */
export function answerFeatures(question: string, answer: string): number[] {
  const final = numericAnswer(answer);
  const value = final === undefined ? Number.NaN : Number(final);
  const arithmetic = checkArithmetic(answer);
  const questionNumbers = new Set(
    (question.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => String(Number(n.replace(/,/g, '')))),
  );
  const trimmed = answer.trim();
  return [
    1,
    /####\s*\$?\d[\d,]*\s*$/.test(trimmed) ? 1 : 0,
    /####/.test(answer) ? 1 : 0,
    Math.min(arithmetic.checked, 10) / 5,
    Math.min(arithmetic.wrong, 3),
    Math.log1p(answer.length) / 8,
    trimmed.split('\n').length / 5,
    final !== undefined && questionNumbers.has(final) ? 1 : 0,
    Number.isFinite(value) && !Number.isInteger(value) ? 1 : 0,
    Number.isFinite(value) && value <= 0 ? 1 : 0,
    Number.isFinite(value) ? Math.log10(1 + Math.abs(value)) / 4 : 0,
    (answer.match(hedging) ?? []).length,
    ...promptFeatures(question, { hashBuckets: 0 }).slice(1),
  ];
}
