// A policy acts in an environment through its tools: a scripted function, a model driving the tools
// (modelPolicy), or an agent from src/agent behind a thin adapter.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText, stepCountIs, tool } from 'ai';
import { estimateCost } from '../../model/index.js';
import type { TargetContext, TargetUsage } from '../types.js';
import type { EnvironmentTool } from './webshop/webshop-tools.js';

export interface PolicyResult {
  output: string;
  usage?: TargetUsage;
  cost?: number;
}

export type EnvironmentPolicy = (
  task: { id: string; instruction: string },
  tools: EnvironmentTool[],
  context: TargetContext,
) => Promise<PolicyResult | string>;

export interface ModelPolicyOptions {
  model: LanguageModelV3;
  system?: string;
  maximumSteps?: number;
  modelName?: string;
}

/** A model calling the environment's tools in the AI SDK's tool loop until it answers or runs out of steps. */
export function modelPolicy({
  model,
  system,
  maximumSteps = 15,
  modelName,
}: ModelPolicyOptions): EnvironmentPolicy {
  const name = modelName ?? `${model.provider}:${model.modelId}`;
  return async (task, tools, context) => {
    const result = await generateText({
      model,
      system,
      prompt: task.instruction,
      tools: Object.fromEntries(
        tools.map((t) => [
          t.name,
          tool({
            description: t.description,
            inputSchema: t.input,
            execute: (input: unknown) => t.execute(input),
          }),
        ]),
      ),
      stopWhen: stepCountIs(maximumSteps),
      seed: context.seed,
      maxRetries: 0,
      abortSignal: context.signal,
    });
    const inputTokens = result.totalUsage.inputTokens ?? 0;
    const outputTokens = result.totalUsage.outputTokens ?? 0;
    return {
      output: result.text,
      usage: { inputTokens, outputTokens },
      cost: estimateCost({ model: name, inputTokens, outputTokens }),
    };
  };
}
