// A model as verifier: asked to grade one candidate solution from 0 to 10.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { GantryError } from '../errors/index.js';
import type { Verifier } from './verifier.js';

export interface JudgeVerifierOptions {
  /** The judge; default: the strategy's own model. */
  model?: LanguageModelV3;
  modelName?: string;
  /** What a correct solution must do; shown to the judge. */
  rubric?: string;
}

export function judgeVerifier(options: JudgeVerifierOptions = {}): Verifier {
  const {
    model,
    modelName,
    rubric = 'Check every step and the arithmetic. The final answer must follow.',
  } = options;
  return async (candidate, _all, context) => {
    const prompt = `Question:\n${candidate.question}\n\nProposed solution:\n${candidate.text}\n\n${rubric}\nReply with "Score: N" where N is 0 (certainly wrong) to 10 (certainly right).`;
    const reply = await context.ask('verifier', `judge candidate ${candidate.index + 1}`, prompt, {
      model,
      modelName,
      temperature: 0,
    });
    const match = /score\s*[:=]?\s*(\d+(?:\.\d+)?)/i.exec(reply);
    if (!match) {
      throw new GantryError(
        'REASON_VERIFIER_OUTPUT_INVALID',
        `The judge's reply has no score: '${reply.slice(0, 120)}'.`,
        {
          hint: 'Use a judge model that follows the "Score: N" format, or give best-of-n a scorer function.',
        },
      );
    }
    return Math.min(10, Number(match[1])) / 10;
  };
}
