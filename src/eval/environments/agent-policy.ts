// An environment policy driven by Gantry's agent runtime: the environment's tools (already recording
// the trajectory) become the agent's tools; the agent's loop, protocols and budgets do the rest.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { type BudgetLimits, createAgent } from '../../agent/index.js';
import type { EnvironmentPolicy } from './environment-policy.js';

export interface AgentPolicyOptions {
  model: LanguageModelV3;
  modelName?: string;
  instructions?: string;
  limits?: BudgetLimits;
}

export function agentPolicy({
  model,
  modelName,
  instructions,
  limits = { steps: 15 },
}: AgentPolicyOptions): EnvironmentPolicy {
  return async (task, tools, context) => {
    const agent = createAgent({
      name: `eval-${task.id}`,
      model,
      modelName,
      instructions,
      limits,
      tools: tools.map((t) => ({
        name: t.name,
        description: t.description,
        input: t.input,
        execute: (input: unknown) => t.execute(input),
      })),
    });
    const result = await agent.run(task.instruction, { signal: context.signal });
    return {
      output: result.text,
      usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
      cost: result.usage.costUsd,
    };
  };
}
