// POST /v1/responses as an inbound API of the translated pipeline: the conversation of a stored
// previous response (same tenant only) is put before the input, the request is routed as a chat
// completion, and the answer is returned (and stored, unless `store: false`) as a Response object.
import { GantryError } from '../../errors/index.js';
import { defaultTenant, type GatewayResponseRepository } from '../../store/index.js';
import type { ApiExchange, InboundApi } from '../apis/api-exchange.js';
import type { ChatMessage } from '../apis/chat-types.js';
import { invalidBody } from '../apis/read-api-body.js';
import type { AuthenticatedKey } from '../keys/index.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import { newId } from './new-id.js';
import {
  assistantMessage,
  functionCallItem,
  messageItem,
  type OutputItem,
  responseObject,
  statusOf,
} from './response-object.js';
import { responseStream } from './response-stream.js';
import { toChatRequest } from './to-chat-request.js';

export function responsesApi({ repository }: { repository: GatewayResponseRepository }): InboundApi {
  return async (body, context): Promise<ApiExchange> => {
    const tenant = tenantOf(context);
    if (body.store !== undefined && typeof body.store !== 'boolean')
      throw invalidBody("'store' must be a boolean.", 'store');
    if (body.background === true) {
      throw new GantryError(
        'GATEWAY_API_UNSUPPORTED',
        'Background responses are not supported by this gateway.',
        {
          hint: 'Send the request without background: true (stream it instead).',
          details: { param: 'background' },
        },
      );
    }
    let history: readonly ChatMessage[] = [];
    const previousId = body.previous_response_id;
    if (previousId !== undefined && previousId !== null) {
      if (typeof previousId !== 'string')
        throw invalidBody("'previous_response_id' must be a string.", 'previous_response_id');
      const previous = await repository.getResponse(tenant, previousId);
      if (!previous) throw responseNotFound(previousId, 'previous_response_id');
      history = previous.messages as ChatMessage[];
    }
    const { conversation, chatBody } = toChatRequest(body, history);
    const shell = { id: newId('resp'), createdAt: Date.now(), request: body };
    const save = async (response: Record<string, unknown>, output: OutputItem[]): Promise<void> => {
      if (body.store === false) return;
      await repository.saveResponse({
        id: shell.id,
        tenant,
        model: context.model,
        response,
        messages: [...conversation, assistantMessage(output)],
        createdAt: shell.createdAt,
      });
    };
    return {
      chatBody,
      async answer(completion, usage) {
        const choice = completion.choices?.[0];
        const message = choice?.message;
        const output: OutputItem[] = [];
        if (typeof message?.content === 'string' && message.content.length > 0) {
          output.push(messageItem(newId('msg'), message.content, 'completed'));
        }
        for (const call of message?.tool_calls ?? []) {
          output.push(
            functionCallItem(newId('fc'), call.id, call.function.name, call.function.arguments, 'completed'),
          );
        }
        const status = statusOf(choice?.finish_reason);
        const response = responseObject(
          shell,
          completion.model ?? context.model,
          status,
          output,
          usage,
          choice?.finish_reason,
        );
        await save(response, output);
        return JSON.stringify(response);
      },
      stream: () => responseStream(shell, context.model, save),
      rejection: (status, message) =>
        JSON.stringify({
          error: {
            message,
            type: status === 429 ? 'rate_limit_error' : 'invalid_request_error',
            code: null,
            param: null,
          },
        }),
    };
  };
}

/** The tenant whose responses a request sees: its key's, or the default tenant's when keyless. */
export function tenantOf(context: Pick<GatewayContext, 'key'>): string {
  return (context.key as AuthenticatedKey | null)?.tenant ?? defaultTenant;
}

export function responseNotFound(id: string, param?: string): GantryError {
  return new GantryError(
    'GATEWAY_RESPONSE_NOT_FOUND',
    `No stored response '${id.slice(0, 100)}' exists for this key's tenant.`,
    {
      hint: 'Responses are stored only when created with store: true (the default), per tenant, until deleted.',
      details: param ? { param } : {},
    },
  );
}
