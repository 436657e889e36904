export { ClientAbort } from './client-abort.js';
export {
  createOpenAICompatibleUpstream,
  type OpenAICompatibleUpstreamOptions,
} from './openai-compatible-upstream.js';
export { readAnswerText } from './read-answer-text.js';
export type { Endpoint, Upstream, UpstreamRequest, UpstreamResponse } from './upstream.js';
export { classifyError, type FailureKind, parseRetryAfter, UpstreamFailure } from './upstream-failure.js';
