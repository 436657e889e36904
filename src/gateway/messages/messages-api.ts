// POST /v1/messages (Anthropic's Messages API) as an inbound API of the translated pipeline: routed
// as a chat completion to OpenAI-compatible upstreams, and as sent to Anthropic upstreams.
import type { ApiExchange, InboundApi } from '../apis/api-exchange.js';
import { countRequestTokens } from '../pipeline/extract-usage.js';
import { anthropicError } from './anthropic-error.js';
import { anthropicMessage } from './anthropic-message.js';
import { messageStream } from './message-stream.js';
import { toChatRequest } from './to-chat-request.js';

export function messagesApi(): InboundApi {
  return async (body, context): Promise<ApiExchange> => {
    const chatBody = toChatRequest(body);
    return {
      chatBody,
      native: { upstreamType: 'anthropic', api: 'messages', body },
      async answer(completion, usage) {
        return JSON.stringify(anthropicMessage(completion, completion.model ?? context.model, usage));
      },
      stream: () => messageStream(context.model, () => countRequestTokens(chatBody, context.model)),
      rejection: (status, message) => JSON.stringify(anthropicError(status, message)),
    };
  };
}
