// A strategy as an eval target (structurally the eval `Target`): `gantry eval` can then compare
// strategies on one dataset in one report, with their usage, cost and stop reasons.
import type { ReasoningResult } from './reasoning-result.js';
import { type RunStrategyOptions, runStrategy } from './run-strategy.js';

export interface StrategyTarget {
  readonly name: string;
  readonly fingerprint: string;
  run(
    input: unknown,
    context: { signal: AbortSignal },
  ): Promise<{
    output: string;
    usage: { inputTokens: number; outputTokens: number };
    cost: number;
    trajectory: { kind: 'thought' | 'answer'; text: string }[];
    metadata: Record<string, unknown>;
  }>;
}

export function strategyTarget(strategy: string, options: Omit<RunStrategyOptions, 'task'>): StrategyTarget {
  return {
    name: `strategy:${strategy}`,
    fingerprint: JSON.stringify({
      strategy,
      model: options.modelName ?? options.model.modelId,
      samples: options.samples,
      limits: options.limits,
    }),
    async run(input, context) {
      const task = typeof input === 'string' ? input : JSON.stringify(input);
      const result: ReasoningResult<string> = await runStrategy(strategy, {
        ...options,
        task,
        signal: context.signal,
      });
      return {
        output: result.answer ?? '',
        usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
        cost: result.usage.costUsd,
        trajectory: [
          ...result.trace.map((call) => ({
            kind: 'thought' as const,
            text: `[${call.role}] ${call.purpose}: ${call.output}`,
          })),
          { kind: 'answer' as const, text: result.answer ?? '' },
        ],
        metadata: {
          stopReason: result.stopReason,
          modelCalls: result.usage.steps,
          stopMessage: result.stopMessage,
        },
      };
    },
  };
}
