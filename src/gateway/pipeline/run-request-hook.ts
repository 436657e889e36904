// Stage: the beforeUpstream hook (guardrails) and the response filter for this request.
import { GantryError } from '../../errors/index.js';
import type { GatewayHooks } from '../hooks.js';
import type { Stage } from './gateway-context.js';

/** The OpenAI families, whose answers carry chat text; the others are image and audio endpoints. */
const textEndpoints = new Set(['chat', 'completions', 'embeddings']);

export function runRequestHook(hooks: GatewayHooks): Stage {
  return async (context, next) => {
    const media = !textEndpoints.has(context.endpoint);
    // A hook may rewrite the body (or, against its contract, change it in place): send the object.
    context.bodyText = undefined;
    const hookContext = {
      endpoint: context.endpoint,
      model: context.model,
      keyId: context.key?.id ?? null,
      stream: context.stream,
      body: context.body,
    };
    if (hooks.beforeUpstream) {
      const result = await hooks.beforeUpstream(hookContext);
      if (result?.action === 'block') {
        throw new GantryError(
          'GATEWAY_BLOCKED',
          `The request was blocked by a gateway policy: ${result.reason}`,
          {
            hint: 'Change the request, or ask the gateway operator about the policy.',
            details: result.details ?? {},
          },
        );
      }
      if (result?.action === 'rewrite') {
        // A media body is sent as the hook returned it (an image request may not take `stream`).
        context.body = media
          ? { ...result.body, model: context.model }
          : { ...result.body, model: context.model, stream: context.stream };
        hookContext.body = context.body;
      }
    }
    // Response filters read text deltas: image and audio answers are relayed as they come.
    context.filter = media ? undefined : hooks.response?.(hookContext);
    await next(context);
  };
}
