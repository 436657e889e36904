// Usage of an image or audio answer: the upstream's token counts when its answer has them (gpt-image-1,
// gpt-4o-transcribe), otherwise the request's text (prompt, speech input) counted as input. Cost from
// the price table when it knows the model, else 0; the request is counted either way.
import { estimateCost } from '../../model/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { countRequestTokens } from '../pipeline/extract-usage.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { MediaEndpoint } from './media-endpoints.js';

interface MediaUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  input_tokens_details?: { cached_tokens?: unknown } | null;
}

export function accountMedia(
  context: GatewayContext,
  endpoint: MediaEndpoint,
  answer: unknown,
  metrics: GatewayMetrics | undefined,
): void {
  const model = context.upstreamModel ?? context.model;
  const usage = (answer as { usage?: MediaUsage } | undefined)?.usage;
  if (usage && typeof usage.input_tokens === 'number') {
    context.inputTokens = usage.input_tokens;
    context.outputTokens = typeof usage.output_tokens === 'number' ? usage.output_tokens : 0;
    const cached = usage.input_tokens_details?.cached_tokens;
    context.cachedInputTokens = typeof cached === 'number' ? cached : 0;
    context.usageSource = 'upstream';
  } else {
    const text = endpoint.textField ? context.body[endpoint.textField] : undefined;
    context.inputTokens = typeof text === 'string' ? countRequestTokens({ prompt: text }, model) : 0;
    context.outputTokens = 0;
    context.usageSource = 'counted';
  }
  context.costUsd = estimateCost({
    model,
    inputTokens: context.inputTokens,
    outputTokens: context.outputTokens,
    cachedInputTokens: context.cachedInputTokens,
  });
  metrics?.tokens(context.model, context.inputTokens, context.outputTokens);
  metrics?.cost(context.model, context.costUsd);
}
