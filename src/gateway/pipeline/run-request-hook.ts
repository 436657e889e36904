// Stage: the beforeUpstream hook (guardrails) and the response filter for this request.
import { GantryError } from '../../errors/index.js';
import type { GatewayHooks } from '../hooks.js';
import type { Stage } from './gateway-context.js';

export function runRequestHook(hooks: GatewayHooks): Stage {
  return async (context, next) => {
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
        context.body = { ...result.body, model: context.model, stream: context.stream };
        hookContext.body = context.body;
      }
    }
    context.filter = hooks.response?.(hookContext);
    await next(context);
  };
}
