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
import { nativeBodyFor, nativeUpstreamField, type PreviousResponse } from './native-body.js';
import { newId } from './new-id.js';
import { passNativeResponses } from './pass-native-responses.js';
import {
  assistantMessage,
  functionCallItem,
  messageItem,
  type OutputItem,
  responseObject,
  statusOf,
} from './response-object.js';
import { responseStream } from './response-stream.js';
import { type TranslatedResponsesRequest, toChatRequest } from './to-chat-request.js';

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
    let previous: PreviousResponse | undefined;
    const previousId = body.previous_response_id;
    if (previousId !== undefined && previousId !== null) {
      if (typeof previousId !== 'string')
        throw invalidBody("'previous_response_id' must be a string.", 'previous_response_id');
      // Looked up for the key's tenant even when the upstream holds it: ids never cross tenants.
      const stored = await repository.getResponse(tenant, previousId);
      if (!stored) throw responseNotFound(previousId, 'previous_response_id');
      history = stored.messages as ChatMessage[];
      const upstream = stored.response[nativeUpstreamField];
      previous = { history, nativeUpstream: typeof upstream === 'string' ? upstream : undefined };
    }
    const { conversation, chatBody, deferred } = translateOrDefer(body, history);
    const shell = { id: newId('resp'), createdAt: Date.now(), request: body };
    const saveAs = async (
      id: string,
      response: Record<string, unknown>,
      output: readonly OutputItem[],
    ): Promise<void> => {
      if (body.store === false) return;
      await repository.saveResponse({
        id,
        tenant,
        model: context.model,
        response,
        messages: [...conversation, assistantMessage(output)],
        createdAt: shell.createdAt,
      });
    };
    const save = (response: Record<string, unknown>, output: OutputItem[]) =>
      saveAs(shell.id, response, output);
    return {
      chatBody,
      native: {
        upstreamType: 'openai-responses',
        api: 'responses',
        body,
        bodyFor: (upstream) => nativeBodyFor(body, previous, upstream),
        untranslatable: deferred?.message,
      },
      untranslatable: deferred,
      passNative: (call, metrics) =>
        passNativeResponses(context, call, metrics, (response, output) =>
          saveAs(
            String(response.id),
            { ...response, [nativeUpstreamField]: call.target.upstream.name },
            output,
          ),
        ),
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

/**
 * The chat translation, or, when the request uses what chat upstreams cannot take (built-in tools,
 * file inputs...), a stand-in body for the gateway's own stages and the reason, so that only
 * upstreams that speak the Responses API natively take it.
 */
function translateOrDefer(
  body: Record<string, unknown>,
  history: readonly ChatMessage[],
): TranslatedResponsesRequest & { deferred?: GantryError } {
  try {
    return toChatRequest(body, history);
  } catch (error) {
    if (!(error instanceof GantryError) || error.code !== 'GATEWAY_API_UNSUPPORTED') throw error;
    const text = typeof body.input === 'string' ? body.input : JSON.stringify(body.input ?? '');
    const conversation: ChatMessage[] = [...history, { role: 'user', content: text }];
    return {
      conversation,
      chatBody: { model: body.model, messages: conversation },
      deferred: error,
    };
  }
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
