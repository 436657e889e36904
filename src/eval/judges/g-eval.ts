// G-Eval (Liu et al. 2023): the judge first writes evaluation steps for the criteria (once), then
// fills the form with a score. The score is Σ p(s)·s over the score tokens' probabilities when the
// provider returns logprobs (OpenAI-style `providerMetadata.openai.logprobs`), else the mean of n
// sampled scores (the reference code samples n=20 at temperature 2; we default to 1 for sanity).
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';

export interface GEvalOptions {
  model: LanguageModelV3;
  name?: string;
  criteria: string;
  /** Evaluation steps; written by the model from the criteria when left out. */
  steps?: string[];
  scale?: [number, number];
  /** Samples for the fallback when logprobs are unavailable. */
  samples?: number;
  sampleTemperature?: number;
  threshold?: number;
  /** Ask for logprobs (OpenAI-compatible providers); turn off for providers that reject the option. */
  logprobs?: boolean;
}

interface TokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
  topLogprobs?: { token: string; logprob: number }[];
}

/** Score distribution from the first score-like token's top logprobs, normalised over in-range scores. */
export function scoreDistributionFromLogprobs(
  logprobs: unknown,
  scale: [number, number],
): Map<number, number> | undefined {
  if (!Array.isArray(logprobs)) return undefined;
  for (const entry of logprobs as TokenLogprob[]) {
    if (!/^\s*\d+\s*$/.test(entry?.token ?? '')) continue;
    const candidates = entry.top_logprobs ??
      entry.topLogprobs ?? [{ token: entry.token, logprob: entry.logprob }];
    const distribution = new Map<number, number>();
    for (const { token, logprob } of candidates) {
      const value = Number(token.trim());
      if (Number.isInteger(value) && value >= scale[0] && value <= scale[1])
        distribution.set(value, (distribution.get(value) ?? 0) + Math.exp(logprob));
    }
    const total = [...distribution.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return undefined;
    for (const [k, v] of distribution) distribution.set(k, v / total);
    return distribution;
  }
  return undefined;
}

function parseScore(text: string, scale: [number, number]): number | undefined {
  const match = /-?\d+(\.\d+)?/.exec(text);
  if (!match) return undefined;
  const value = Number(match[0]);
  return value >= scale[0] && value <= scale[1] ? value : undefined;
}

export function gEval({
  model,
  name = 'g-eval',
  criteria,
  steps,
  scale = [1, 5],
  samples = 20,
  sampleTemperature = 1,
  threshold = 0.5,
  logprobs = true,
}: GEvalOptions): Scorer {
  let evaluationSteps: Promise<string> | undefined = steps
    ? Promise.resolve(steps.map((s, i) => `${i + 1}. ${s}`).join('\n'))
    : undefined;
  const writeSteps = (signal?: AbortSignal) => {
    evaluationSteps ??= generateText({
      model,
      temperature: 0,
      abortSignal: signal,
      prompt: `You will grade responses on these criteria:\n${criteria}\n\nWrite 3 to 5 short, numbered evaluation steps a grader should follow. Steps only.`,
    }).then((r) => r.text.trim());
    return evaluationSteps;
  };
  return {
    name,
    threshold,
    async score(example, output, context) {
      const formSteps = await writeSteps(context.signal);
      const prompt = [
        `Evaluation criteria:\n${criteria}`,
        `Evaluation steps:\n${formSteps}`,
        `Input:\n${typeof example.input === 'string' ? example.input : JSON.stringify(example.input)}`,
        `Response:\n${output.output}`,
        `Evaluation form (scores ONLY, an integer ${scale[0]}-${scale[1]}):\nScore:`,
      ].join('\n\n');
      const normalise = (s: number) => (s - scale[0]) / (scale[1] - scale[0]);
      if (logprobs) {
        const first = await generateText({
          model,
          prompt,
          temperature: 0,
          maxOutputTokens: 5,
          abortSignal: context.signal,
          providerOptions: { openai: { logprobs: 20 } },
        });
        const distribution = scoreDistributionFromLogprobs(first.providerMetadata?.openai?.logprobs, scale);
        if (distribution) {
          const weighted = [...distribution].reduce((sum, [s, p]) => sum + s * p, 0);
          return {
            score: normalise(weighted),
            details: {
              method: 'logprobs',
              weightedScore: weighted,
              distribution: Object.fromEntries(distribution),
            },
          };
        }
      }
      const scores: number[] = [];
      for (let i = 0; i < samples; i++) {
        const { text } = await generateText({
          model,
          prompt,
          temperature: sampleTemperature,
          maxOutputTokens: 5,
          abortSignal: context.signal,
        });
        const s = parseScore(text, scale);
        if (s !== undefined) scores.push(s);
      }
      if (scores.length === 0) {
        throw new GantryError(
          'EVAL_JUDGE_OUTPUT_INVALID',
          `G-Eval got no score in ${scale[0]}..${scale[1]} from ${samples} samples.`,
          {
            hint: 'Use a model that answers the form with a number.',
          },
        );
      }
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      return { score: normalise(mean), details: { method: 'samples', weightedScore: mean, samples: scores } };
    },
  };
}
