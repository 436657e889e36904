export { type AnthropicUpstreamOptions, createAnthropicUpstream } from './anthropic-upstream.js';
export {
  AnthropicStreamTranslator,
  finishReason,
  fromAnthropicMessage,
  openAIUsage,
} from './from-anthropic-response.js';
export { defaultMaxTokens, type PromptCachingOptions, toAnthropicRequest } from './to-anthropic-request.js';
