// The usage, cost and token metrics of a translated answer, from the upstream's counts when it gave
// them and counted by the gateway otherwise (as the OpenAI routes do).
import { estimateCost } from '../../model/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { countRequestTokens, fromUsageObject } from '../pipeline/extract-usage.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { AnswerUsage } from './chat-types.js';

export function accountUsage(
  context: GatewayContext,
  reported: unknown,
  outputText: string,
  metrics: GatewayMetrics | undefined,
): AnswerUsage {
  const model = context.upstreamModel ?? context.model;
  const usage = fromUsageObject(reported);
  if (usage) {
    context.inputTokens = usage.inputTokens;
    context.outputTokens = usage.outputTokens;
    context.cachedInputTokens = usage.cachedInputTokens ?? 0;
    context.cacheWriteTokens = usage.cacheWriteTokens ?? 0;
    context.usageSource = 'upstream';
  } else {
    context.inputTokens = countRequestTokens(context.body, model);
    context.outputTokens = countRequestTokens({ prompt: outputText }, model);
    context.usageSource = 'counted';
  }
  context.costUsd = estimateCost({
    model,
    inputTokens: context.inputTokens,
    outputTokens: context.outputTokens,
    cachedInputTokens: context.cachedInputTokens,
    cacheWriteTokens: context.cacheWriteTokens,
  });
  metrics?.tokens(context.model, context.inputTokens, context.outputTokens);
  metrics?.cost(context.model, context.costUsd);
  return {
    inputTokens: context.inputTokens,
    outputTokens: context.outputTokens,
    cachedTokens: cachedTokensOf(reported),
  };
}

function cachedTokensOf(reported: unknown): number {
  if (typeof reported !== 'object' || reported === null) return 0;
  const usage = reported as {
    prompt_tokens_details?: { cached_tokens?: unknown } | null;
    cache_read_input_tokens?: unknown;
  };
  const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens;
  return typeof cached === 'number' ? cached : 0;
}
