// A Verifier from a trained scorer and a feature function (by default the answer features).
import type { Candidate, Verifier } from '../verifier.js';
import { answerFeatures } from './answer-features.js';
import { type LogisticScorer, scoreWith } from './logistic-scorer.js';

export function trainedVerifier(
  scorer: LogisticScorer,
  features: (candidate: Candidate, all: readonly Candidate[]) => number[] = answerFeatures,
): Verifier {
  return (candidate, all) => scoreWith(scorer, features(candidate, all));
}
