// Stage: finds the caller's API key (Authorization: Bearer, or x-api-key), checks it may call the
// gateway (scope 'gateway') and sets its limits. It runs before the body is read, so that a request
// without a valid key costs no parsing and leaves nothing behind.
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits } from '../../store/index.js';
import { type AuthenticatedKey, type KeyService, readCredential } from '../keys/index.js';
import type { GatewayContext, Stage } from './gateway-context.js';

export function authenticate({
  keys,
  required,
  defaultLimits,
}: {
  keys: KeyService;
  required: boolean;
  defaultLimits: GatewayKeyLimits;
}): Stage {
  // The merged limits of a key record, computed once per record (records are cached by the key
  // service and replaced when refetched), not on every request.
  const merged = new WeakMap<AuthenticatedKey, GatewayKeyLimits>();
  function apply(context: GatewayContext, key: AuthenticatedKey | undefined): void {
    if (!key) {
      // With auth off, a placeholder key (OpenAI clients need one) is served as anonymous.
      if (required) throw unauthorised('The API key is unknown or revoked.');
      return;
    }
    if (!key.scopes.includes('gateway')) {
      throw new GantryError('AUTH_SCOPE_FORBIDDEN', 'This API key may not call the gateway (/v1).', {
        hint: "Create a key with the 'gateway' scope: gantry keys create --scopes gateway.",
        details: { scope: 'gateway' },
      });
    }
    context.key = key;
    context.tenant = key.tenant;
    let limits = merged.get(key);
    if (!limits) {
      limits = { ...defaultLimits, ...key.limits };
      merged.set(key, limits);
    }
    context.limits = limits;
  }
  // Not an async function: a cached key goes on to the next stage without a promise or an await of
  // its own (this runs on every request). Errors are returned as rejections, never thrown.
  return (context, next) => {
    const secret = readCredential(context.req.headers);
    if (secret) {
      // The request's arrival (performance.now()) as the cache's clock: no clock read of its own.
      const cached = keys.cached(secret, context.startedAt);
      if (cached === null) {
        return keys.authenticate(secret).then((key) => {
          apply(context, key);
          return next(context);
        });
      }
      try {
        apply(context, cached);
      } catch (error) {
        return Promise.reject(error);
      }
    } else if (required) {
      return Promise.reject(unauthorised('The request carries no API key.'));
    }
    return next(context);
  };
}

function unauthorised(message: string): GantryError {
  return new GantryError('GATEWAY_AUTH_REQUIRED', message, {
    hint: "Send 'Authorization: Bearer <key>'; create a key with `gantry keys create --name <name>`.",
  });
}
