// Stage: finds the caller's API key (Authorization: Bearer, or x-api-key) and its limits.
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits, GatewayKeyRecord } from '../../store/index.js';
import type { KeyService } from '../keys/index.js';
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
  const merged = new WeakMap<GatewayKeyRecord, GatewayKeyLimits>();
  function apply(context: GatewayContext, key: GatewayKeyRecord | undefined): void {
    if (!key) {
      if (required) throw unauthorised('The API key is unknown or revoked.');
      return;
    }
    context.key = key;
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
    const secret = bearer(context.req.headers.authorization) ?? headerValue(context.req.headers['x-api-key']);
    if (secret) {
      const cached = keys.cached(secret);
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

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return header.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function unauthorised(message: string): GantryError {
  return new GantryError('GATEWAY_AUTH_REQUIRED', message, {
    hint: "Send 'Authorization: Bearer <key>'; create a key with `gantry keys create --name <name>`.",
  });
}
