// A model with a prompt template: the example's columns fill {{variables}}; usage and cost come back.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { estimateCost } from '../../model/index.js';
import { renderTemplate } from '../config/render-template.js';
import type { Target } from '../types.js';

export interface ModelTargetOptions {
  model: LanguageModelV3;
  /** Name used for prices ('provider:model'); defaults to the model's provider and id. */
  modelName?: string;
  /** `{{input}}` by default. */
  prompt?: string;
  system?: string;
  temperature?: number;
  maxOutputTokens?: number;
}

export function modelTarget({
  model,
  modelName,
  prompt = '{{input}}',
  system,
  temperature,
  maxOutputTokens,
}: ModelTargetOptions): Target {
  const name = modelName ?? `${model.provider}:${model.modelId}`;
  return {
    name,
    fingerprint: JSON.stringify({ name, prompt, system, temperature, maxOutputTokens }),
    async run(input, context) {
      const variables = { ...context.example.vars, input };
      const result = await generateText({
        model,
        system: system === undefined ? undefined : renderTemplate(system, variables),
        prompt: renderTemplate(prompt, variables),
        temperature,
        maxOutputTokens,
        seed: context.seed,
        maxRetries: 0,
        abortSignal: context.signal,
      });
      const inputTokens = result.usage.inputTokens ?? 0;
      const outputTokens = result.usage.outputTokens ?? 0;
      return {
        output: result.text,
        usage: { inputTokens, outputTokens },
        cost: estimateCost({ model: name, inputTokens, outputTokens }),
      };
    },
  };
}
