// Process-level scoring with a beam search over reasoning steps: the model writes one step at a
// time, a process verifier scores each new step (a PRM, a step checker), a path's score aggregates
// its step scores (min, as PRM papers do, by default), and only the best `beamWidth` paths go on.
// A step containing the final-answer marker ends its path.
import type { AnswerKind, AnswerNormaliser } from '../answer-normalisers.js';
import {
  createReasoningContext,
  type ReasoningContext,
  type ReasoningOptions,
  runReasoning,
} from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';
import { resolveNormaliser } from '../resolve-normaliser.js';
import { checkArithmetic } from '../verify/arithmetic-check.js';

/** Scores the last of `steps` (given the ones before it), in [0, 1]. */
export type ProcessVerifier = (
  question: string,
  steps: readonly string[],
  context: ReasoningContext,
) => number | Promise<number>;

export interface StepPath {
  steps: string[];
  stepScores: number[];
  score: number;
}

export interface StepBeamSearchOptions extends ReasoningOptions {
  question: string;
  verifier: ProcessVerifier;
  /** Paths kept after each step. Default 3. */
  beamWidth?: number;
  /** Next steps sampled per kept path. Default 2. */
  expansions?: number;
  /** Most steps in a path. Default 8. */
  maximumDepth?: number;
  aggregate?: 'min' | 'product' | 'last';
  normalise?: AnswerKind | AnswerNormaliser;
  temperature?: number;
}

/** A step checker from the arithmetic re-check: wrong arithmetic 0.05, checked and right 1, unchecked 0.7. */
export function arithmeticStepVerifier(): ProcessVerifier {
  return (_question, steps) => {
    const check = checkArithmetic(steps.at(-1) ?? '');
    if (check.wrong > 0) return 0.05;
    return check.checked > 0 ? 1 : 0.7;
  };
}

const finalMarker = /####/;

export async function stepBeamSearch(
  options: StepBeamSearchOptions,
): Promise<ReasoningResult<string> & Partial<{ finished: StepPath[] }>> {
  const {
    question,
    verifier,
    beamWidth = 3,
    expansions = 2,
    maximumDepth = 8,
    aggregate = 'min',
    temperature = 0.7,
  } = options;
  const normalise = resolveNormaliser(options.normalise ?? 'number');
  const context = createReasoningContext(options);
  const combine = (scores: number[]) =>
    aggregate === 'last'
      ? (scores.at(-1) ?? 0)
      : aggregate === 'product'
        ? scores.reduce((total, score) => total * score, 1)
        : Math.min(...scores);
  return runReasoning<string, { finished: StepPath[] }>(context, async (partial) => {
    const finished: StepPath[] = [];
    partial.extra = { finished };
    let beam: StepPath[] = [{ steps: [], stepScores: [], score: 1 }];
    for (let depth = 1; depth <= maximumDepth && beam.length > 0; depth++) {
      const next: StepPath[] = [];
      for (const [pathIndex, path] of beam.entries()) {
        for (let sample = 0; sample < expansions; sample++) {
          const step = (
            await context.ask(
              'sampler',
              `step ${depth}, path ${pathIndex + 1}, sample ${sample + 1}`,
              `${question}\n\nSteps so far:\n${path.steps.join('\n') || '(none)'}\n\nWrite only the next step. If it gives the final answer, end it with "#### <answer>".`,
              { temperature },
            )
          ).trim();
          const steps = [...path.steps, step];
          const stepScore = await verifier(question, steps, context);
          const stepScores = [...path.stepScores, stepScore];
          const candidate = { steps, stepScores, score: combine(stepScores) };
          if (finalMarker.test(step)) finished.push(candidate);
          else next.push(candidate);
        }
      }
      finished.sort((a, b) => b.score - a.score);
      partial.answer = finished[0] ? normalise(finished[0].steps.join('\n')) : undefined;
      if (finished.length >= beamWidth) break;
      next.sort((a, b) => b.score - a.score);
      beam = next.slice(0, beamWidth - finished.length);
    }
    const best = finished[0];
    return {
      answer: best ? normalise(best.steps.join('\n')) : undefined,
      stopReason: best ? 'final-answer' : 'iteration-limit',
      stopMessage: best
        ? `Best of ${finished.length} finished paths scored ${best.score.toFixed(2)} (${aggregate} of step scores).`
        : `No path reached a final answer within ${maximumDepth} steps.`,
      extra: { finished },
    };
  });
}
