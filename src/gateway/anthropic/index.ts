export { type AnthropicUpstreamOptions, createAnthropicUpstream } from './anthropic-upstream.js';
export { AnthropicStreamTranslator, finishReason, fromAnthropicMessage } from './from-anthropic-response.js';
export { defaultMaxTokens, toAnthropicRequest } from './to-anthropic-request.js';
