// Anthropic's Messages API inbound: translated to OpenAI-compatible upstreams, passed to Anthropic ones.
export { anthropicErrorBody, anthropicErrors } from './anthropic-error.js';
export { messagesApi } from './messages-api.js';
