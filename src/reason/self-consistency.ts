// Self-consistency (Wang et al. 2022): sample several reasoning paths, normalise each final answer,
// and vote. Samples are drawn one at a time so that sampling stops as soon as the vote is decided.
import type { AnswerKind, AnswerNormaliser } from './answer-normalisers.js';
import { createReasoningContext, type ReasoningOptions, runReasoning } from './reasoning-context.js';
import type { ReasoningResult } from './reasoning-result.js';
import { resolveNormaliser } from './resolve-normaliser.js';
import { isVoteDecided, type TallyEntry, tallyVotes, type Vote } from './vote.js';

export interface Sample {
  text: string;
  /** The normalised answer; undefined when none could be read (the sample does not vote). */
  key: string | undefined;
  weight: number;
}

export interface SelfConsistencyOptions extends ReasoningOptions {
  question: string;
  /** Most samples to draw. Default 5. */
  samples?: number;
  normalise?: AnswerKind | AnswerNormaliser;
  /** The prompt for one sample. Default: the question and a request to reason step by step. */
  prompt?: (question: string) => string;
  temperature?: number;
  /** A weighted vote: each sample's weight in [0, maximumWeight] (a verifier's score). Default 1. */
  weigh?: (sample: { text: string; key: string }) => number | Promise<number>;
  maximumWeight?: number;
  /** Stop when the remaining samples cannot change the winner. Default true. */
  earlyStop?: boolean;
  /** Adaptive compute: also stop once the leader holds this share of the votes (after minimumSamples). */
  stopAtAgreement?: number;
  minimumSamples?: number;
}

export interface SelfConsistencyExtra {
  votes: TallyEntry[];
  sampled: Sample[];
}

export const defaultSamplePrompt = (question: string) =>
  `${question}\n\nThink step by step, then give the final answer on its own last line as "#### <answer>".`;

export async function selfConsistency(
  options: SelfConsistencyOptions,
): Promise<ReasoningResult<string> & Partial<SelfConsistencyExtra>> {
  const {
    question,
    samples = 5,
    prompt = defaultSamplePrompt,
    temperature = 0.7,
    weigh,
    maximumWeight = 1,
    earlyStop = true,
    stopAtAgreement,
    minimumSamples = 3,
  } = options;
  const normalise = resolveNormaliser(options.normalise ?? 'number');
  const context = createReasoningContext(options);
  return runReasoning<string, SelfConsistencyExtra>(context, async (partial) => {
    const sampled: Sample[] = [];
    const votes: Vote[] = [];
    let tally: TallyEntry[] = [];
    partial.extra = { votes: tally, sampled };
    for (let index = 0; index < samples; index++) {
      const text = await context.ask('sampler', `sample ${index + 1} of ${samples}`, prompt(question), {
        temperature,
      });
      const key = normalise(text);
      const weight = key === undefined ? 0 : weigh ? await weigh({ text, key }) : 1;
      sampled.push({ text, key, weight });
      if (key !== undefined) votes.push({ key, weight });
      tally = tallyVotes(votes);
      partial.answer = tally[0]?.key;
      partial.extra = { votes: tally, sampled };
      const remaining = samples - index - 1;
      if (remaining === 0) break;
      const decided = earlyStop && isVoteDecided(tally, remaining, maximumWeight);
      const agreed =
        stopAtAgreement !== undefined &&
        index + 1 >= minimumSamples &&
        (tally[0]?.count ?? 0) / (index + 1) >= stopAtAgreement;
      if (decided || agreed) {
        return {
          answer: tally[0]?.key,
          stopReason: 'vote-decided',
          stopMessage: `Stopped after ${index + 1} of ${samples} samples: '${tally[0]?.key}' leads with ${tally[0]?.count} votes${decided ? ' and cannot be overtaken' : ''}.`,
          extra: { votes: tally, sampled },
        };
      }
    }
    return {
      answer: tally[0]?.key,
      stopReason: 'final-answer',
      stopMessage: tally[0]
        ? `Voted over ${sampled.length} samples: '${tally[0].key}' won with ${tally[0].count}.`
        : `None of the ${sampled.length} samples had a readable answer.`,
      extra: { votes: tally, sampled },
    };
  });
}
