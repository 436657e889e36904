// Best-of-N: draw N candidates, score each with a verifier, keep the best one ('max'), or sum the
// scores of candidates sharing an answer ('vote', a verifier-weighted self-consistency).
import type { AnswerKind, AnswerNormaliser } from './answer-normalisers.js';
import { createReasoningContext, type ReasoningOptions, runReasoning } from './reasoning-context.js';
import type { ReasoningResult } from './reasoning-result.js';
import { resolveNormaliser } from './resolve-normaliser.js';
import { defaultSamplePrompt } from './self-consistency.js';
import type { Candidate, Verifier } from './verifier.js';
import { tallyVotes } from './vote.js';

export interface BestOfNOptions extends ReasoningOptions {
  question: string;
  /** Candidates to draw. Default 4. */
  samples?: number;
  verifier: Verifier;
  selection?: 'max' | 'vote';
  normalise?: AnswerKind | AnswerNormaliser;
  prompt?: (question: string) => string;
  temperature?: number;
  /** Stop drawing as soon as a candidate scores at least this much. */
  acceptScore?: number;
}

export interface ScoredCandidate extends Candidate {
  score: number;
}

export interface BestOfNExtra {
  candidates: ScoredCandidate[];
  best?: ScoredCandidate;
}

export async function bestOfN(
  options: BestOfNOptions,
): Promise<ReasoningResult<string> & Partial<BestOfNExtra>> {
  const {
    question,
    samples = 4,
    verifier,
    selection = 'max',
    prompt = defaultSamplePrompt,
    temperature = 0.7,
  } = options;
  const normalise = resolveNormaliser(options.normalise ?? 'number');
  const context = createReasoningContext(options);
  return runReasoning<string, BestOfNExtra>(context, async (partial) => {
    const candidates: ScoredCandidate[] = [];
    const drawn: Candidate[] = [];
    // With an accept score each candidate is verified as it arrives (to stop early); otherwise all are
    // drawn first, so that a verifier that compares candidates (agreement) sees all of them.
    const incremental = options.acceptScore !== undefined;
    for (let index = 0; index < samples; index++) {
      const text = await context.ask('sampler', `candidate ${index + 1} of ${samples}`, prompt(question), {
        temperature,
      });
      const candidate: Candidate = { question, text, key: normalise(text), index };
      drawn.push(candidate);
      partial.answer ??= candidate.key ?? candidate.text;
      if (!incremental) continue;
      const score = await verifier(candidate, drawn, context);
      candidates.push({ ...candidate, score });
      const best = pick(candidates, selection);
      partial.answer = best?.key ?? best?.text;
      partial.extra = { candidates, best };
      if (score >= (options.acceptScore as number)) {
        return {
          answer: candidate.key ?? candidate.text,
          stopReason: 'accepted',
          stopMessage: `Candidate ${index + 1} scored ${score} ≥ ${options.acceptScore}; stopped drawing.`,
          extra: { candidates, best: { ...candidate, score } },
        };
      }
    }
    if (!incremental) {
      for (const candidate of drawn)
        candidates.push({ ...candidate, score: await verifier(candidate, drawn, context) });
    }
    const best = pick(candidates, selection);
    return {
      answer: best?.key ?? best?.text,
      stopReason: 'final-answer',
      stopMessage: `Chose candidate ${(best?.index ?? 0) + 1} of ${candidates.length} (${selection}).`,
      extra: { candidates, best },
    };
  });
}

function pick(candidates: ScoredCandidate[], selection: 'max' | 'vote'): ScoredCandidate | undefined {
  if (selection === 'vote') {
    const keyed = candidates.filter((candidate) => candidate.key !== undefined);
    const winner = tallyVotes(
      keyed.map((candidate) => ({ key: candidate.key as string, weight: candidate.score })),
    )[0];
    if (winner) {
      return keyed.filter((c) => c.key === winner.key).sort((a, b) => b.score - a.score)[0];
    }
  }
  let best: ScoredCandidate | undefined;
  for (const candidate of candidates) if (!best || candidate.score > best.score) best = candidate;
  return best;
}
