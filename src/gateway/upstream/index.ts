export { ClientAbort, type PendingUpstream } from './client-abort.js';
export {
  createOpenAICompatibleUpstream,
  type OpenAICompatibleUpstreamOptions,
} from './openai-compatible-upstream.js';
export { readAnswerText } from './read-answer-text.js';
export { readUpstreamSse, type SseStep } from './read-upstream-sse.js';
export { replaceModel } from './replace-model.js';
export {
  requestJsonAnswer,
  requestWholeAnswer,
  type WholeAnswer,
  type WholeAnswerRequest,
} from './request-whole-answer.js';
export {
  type Endpoint,
  type MediaRequest,
  type MediaResponse,
  type NativeApi,
  type NativeRequest,
  speaksNative,
  type Upstream,
  type UpstreamRequest,
  type UpstreamResponse,
} from './upstream.js';
export { classifyError, type FailureKind, parseRetryAfter, UpstreamFailure } from './upstream-failure.js';
