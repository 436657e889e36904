import { type AnswerKind, type AnswerNormaliser, answerNormalisers } from './answer-normalisers.js';

/** A task kind's normaliser ('number', 'choice', 'text') or a function of the caller's. */
export function resolveNormaliser(normalise: AnswerKind | AnswerNormaliser | undefined): AnswerNormaliser {
  if (typeof normalise === 'function') return normalise;
  return answerNormalisers[normalise ?? 'text'];
}
