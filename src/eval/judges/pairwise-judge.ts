// Pairwise comparison judged in both orders (Zheng et al. 2023, FastChat's swap): a verdict that
// flips with the order counts as a tie, and the flip is reported so that position bias is visible.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { GantryError } from '../../errors/index.js';
import { parseJudgeJson } from './parse-judge-json.js';

export type PairVerdict = 'A' | 'B' | 'tie';

export interface PairwiseResult {
  /** In the caller's labels: A is the first output passed in. */
  winner: PairVerdict;
  /** The two orders disagreed (the judge preferred a position, not an answer). */
  flipped: boolean;
  /** Verdicts as given, mapped back to the caller's labels: [A first, B first]. */
  verdicts: [PairVerdict, PairVerdict];
}

export interface PairwiseJudge {
  compare(input: unknown, outputA: string, outputB: string, signal?: AbortSignal): Promise<PairwiseResult>;
}

export interface PairwiseJudgeOptions {
  model: LanguageModelV3;
  criteria?: string;
  temperature?: number;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function pairPrompt(criteria: string, input: unknown, first: string, second: string): string {
  return [
    'You are an impartial judge. Compare two responses to the same input. Do not let their order or length sway you.',
    `CRITERIA:\n${criteria}`,
    `INPUT:\n${asText(input)}`,
    `RESPONSE A:\n${first}`,
    `RESPONSE B:\n${second}`,
    'Answer with JSON only: {"reasoning": "<short>", "winner": "A" | "B" | "tie"}',
  ].join('\n\n');
}

function readVerdict(text: string): PairVerdict {
  const winner = String(parseJudgeJson(text, 'pairwise').winner ?? '')
    .trim()
    .toUpperCase();
  if (winner === 'A' || winner === 'B') return winner;
  if (winner === 'TIE') return 'tie';
  throw new GantryError(
    'EVAL_JUDGE_OUTPUT_INVALID',
    `The pairwise judge answered winner '${winner}'; expected A, B or tie.`,
    {
      hint: 'Use a judge model that follows the output format.',
    },
  );
}

const swap = (v: PairVerdict): PairVerdict => (v === 'A' ? 'B' : v === 'B' ? 'A' : 'tie');

export function pairwiseJudge({
  model,
  criteria = 'Which response answers the input better: correct, complete, concise.',
  temperature = 0,
}: PairwiseJudgeOptions): PairwiseJudge {
  const ask = async (prompt: string, signal?: AbortSignal) =>
    readVerdict(
      (await generateText({ model, prompt, temperature, maxRetries: 1, abortSignal: signal })).text,
    );
  return {
    async compare(input, outputA, outputB, signal) {
      const forward = await ask(pairPrompt(criteria, input, outputA, outputB), signal);
      const backward = swap(await ask(pairPrompt(criteria, input, outputB, outputA), signal));
      const flipped = forward !== backward;
      return { winner: flipped ? 'tie' : forward, flipped, verdicts: [forward, backward] };
    },
  };
}
