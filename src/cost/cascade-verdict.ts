// Whether a cascade may serve the cheap answer: agreement among the cheap samples, an answer pattern
// the answer must carry (a format verifier), and the mean token logprob where the upstream sends it.
// The first failed check escalates, and its name is the reason.
import { answerNormalisers } from '../reason/index.js';

export interface CheapSample {
  text: string;
  /** Mean token logprob of the sample, when the upstream returned logprobs. */
  meanLogprob?: number;
}

export interface CascadeChecks {
  /** How answers are compared for agreement: a number (GSM8K-style), a choice letter, or normalised text. */
  answer: 'number' | 'choice' | 'text';
  /** Share of samples that must give the majority answer (1 = all agree). */
  minAgreement: number;
  /** A pattern the first sample must match (e.g. `####\s*-?\d`), or undefined. */
  requirePattern?: RegExp;
  /** Escalate when a sample's mean token logprob is below this. */
  minMeanLogprob?: number;
}

export interface CascadeVerdict {
  accept: boolean;
  /** Short, stable reason: `agreement 2/2`, `disagreement 1/2`, `pattern-missing`, `low-logprob -1.30`, `no-answer`. */
  reason: string;
  /** Index of the sample to serve when accepted (one carrying the majority answer). */
  chosen: number;
  /** Majority share among the samples, 0..1. */
  agreement: number;
}

export function cascadeVerdict(samples: readonly CheapSample[], checks: CascadeChecks): CascadeVerdict {
  const first = samples[0];
  if (!first) return { accept: false, reason: 'no-answer', chosen: 0, agreement: 0 };
  if (checks.requirePattern && !checks.requirePattern.test(first.text))
    return { accept: false, reason: 'pattern-missing', chosen: 0, agreement: 0 };
  if (checks.minMeanLogprob !== undefined) {
    const low = samples.find(
      (s) => s.meanLogprob !== undefined && s.meanLogprob < (checks.minMeanLogprob as number),
    );
    if (low)
      return { accept: false, reason: `low-logprob ${low.meanLogprob?.toFixed(2)}`, chosen: 0, agreement: 0 };
  }
  const normalise = answerNormalisers[checks.answer];
  const counts = new Map<string, { count: number; first: number }>();
  samples.forEach((sample, index) => {
    const key = normalise(sample.text);
    if (key === undefined) return;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { count: 1, first: index });
  });
  let best: { count: number; first: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  if (!best) return { accept: false, reason: 'no-answer', chosen: 0, agreement: 0 };
  const agreement = best.count / samples.length;
  const tally = `${best.count}/${samples.length}`;
  return agreement >= checks.minAgreement
    ? { accept: true, reason: `agreement ${tally}`, chosen: best.first, agreement }
    : { accept: false, reason: `disagreement ${tally}`, chosen: best.first, agreement };
}
