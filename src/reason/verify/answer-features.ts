// Features a verifier can read without the reference answer: how many other samples agree, whether
// the written arithmetic holds, and the answer's form.
import { checkArithmetic } from './arithmetic-check.js';

export interface FeatureCandidate {
  text: string;
  key: string | undefined;
}

export const answerFeatureNames = [
  'agreement',
  'arithmetic-wrong',
  'arithmetic-wrong-share',
  'arithmetic-unchecked',
  'no-answer',
  'explicit-marker',
  'non-integer',
  'log-length',
] as const;

/** One row of features for `candidate`, given every candidate drawn for the same question. */
export function answerFeatures(candidate: FeatureCandidate, all: readonly FeatureCandidate[]): number[] {
  const others = all.filter((other) => other !== candidate);
  const agreeing = others.filter((other) => other.key !== undefined && other.key === candidate.key).length;
  const arithmetic = checkArithmetic(candidate.text);
  return [
    others.length === 0 ? 0 : agreeing / others.length,
    arithmetic.wrong > 0 ? 1 : 0,
    arithmetic.checked === 0 ? 0 : arithmetic.wrong / arithmetic.checked,
    arithmetic.checked === 0 ? 1 : 0,
    candidate.key === undefined ? 1 : 0,
    /####|\\boxed|(^|\n)\s*A:|answer is/i.test(candidate.text) ? 1 : 0,
    candidate.key !== undefined && !Number.isInteger(Number(candidate.key)) ? 1 : 0,
    Math.log1p(candidate.text.length),
  ];
}
