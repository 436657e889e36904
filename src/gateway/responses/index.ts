// OpenAI's Responses API, translated to and from chat-completions upstreams.

export { createMemoryResponseRepository } from './memory-responses.js';
export { responsesApi, tenantOf } from './responses-api.js';
export { type Caller, storedResponses } from './stored-responses.js';
