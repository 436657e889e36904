// The shared pipeline of the translated APIs (Responses, Anthropic Messages): body reading, the
// routed chat-completions call and the answer in the client's API.
export type { ApiExchange, InboundApi, StreamTranslator } from './api-exchange.js';
export type { AnswerUsage, ChatChunk, ChatCompletion, ChatMessage } from './chat-types.js';
export { forwardTranslated } from './forward-translated.js';
export { newApiContext } from './new-api-context.js';
export { invalidBody, readApiBody } from './read-api-body.js';
export { formatSseEvent, type SseEvent, writeSseEvents } from './sse-event.js';
