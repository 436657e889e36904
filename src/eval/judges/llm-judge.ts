// LLM-as-judge with a rubric: the judge reads the input, the output (and the reference, if any) and
// answers JSON { reasoning, score } on an integer scale; the score is normalised to 0..1.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';
import { parseJudgeJson } from './parse-judge-json.js';

export interface LlmJudgeOptions {
  model: LanguageModelV3;
  rubric: string;
  /** Integer scale; default 1..5. */
  scale?: [number, number];
  threshold?: number;
  name?: string;
  temperature?: number;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function judgePrompt(
  rubric: string,
  scale: [number, number],
  input: unknown,
  output: string,
  reference?: unknown,
): string {
  return [
    'You are an impartial evaluator. Grade the RESPONSE against the RUBRIC.',
    `RUBRIC:\n${rubric}`,
    `INPUT:\n${asText(input)}`,
    reference === undefined ? '' : `REFERENCE ANSWER:\n${asText(reference)}`,
    `RESPONSE:\n${output}`,
    `Answer with JSON only: {"reasoning": "<one or two sentences>", "score": <integer ${scale[0]}-${scale[1]}>}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function llmJudge({
  model,
  rubric,
  scale = [1, 5],
  threshold = 0.5,
  name = 'llm-judge',
  temperature = 0,
}: LlmJudgeOptions): Scorer {
  return {
    name,
    threshold,
    async score(example, output, context) {
      const { text } = await generateText({
        model,
        prompt: judgePrompt(rubric, scale, example.input, output.output, example.expected),
        temperature,
        maxRetries: 1,
        abortSignal: context.signal,
      });
      const answer = parseJudgeJson(text, name);
      const raw = Number(answer.score);
      if (!Number.isFinite(raw) || raw < scale[0] || raw > scale[1]) {
        throw new GantryError(
          'EVAL_JUDGE_OUTPUT_INVALID',
          `The ${name} judge gave score ${String(answer.score)}, outside ${scale[0]}..${scale[1]}.`,
          {
            hint: 'Check the rubric states the scale, or use a stronger judge model.',
          },
        );
      }
      const score = (raw - scale[0]) / (scale[1] - scale[0]);
      return {
        score,
        reason: typeof answer.reasoning === 'string' ? answer.reasoning : undefined,
        details: { rawScore: raw },
      };
    },
  };
}
