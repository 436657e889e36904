// Who is calling: the authenticated principal of a platform request, attached to the request by the
// server's auth layer before any route handler runs. Routes read it with `principalOf(req)` and
// check their scope with `requireScope(req, scope)`; never from a header the client controls.
import type { IncomingMessage } from 'node:http';
import { GantryError } from '../../errors/index.js';
import type { Scope } from '../../gateway/index.js';

export interface Principal {
  /** Whose data the request sees: runs, approvals, collections and memories are kept per tenant. */
  readonly tenant: string;
  /** Who acts: a key id (`key_...`), 'admin' (the admin key) or 'local' (keyless, loopback only). */
  readonly principal: string;
  readonly scopes: ReadonlySet<Scope>;
  /** The models the key may use (its `models` list; agent runs too); null: every model. */
  readonly models: readonly string[] | null;
  /** True for the keyless local user of a loopback server. */
  readonly anonymous: boolean;
}

const principalKey = Symbol('gantry.principal');
type WithPrincipal = IncomingMessage & { [principalKey]?: Principal };

export function setPrincipal(req: IncomingMessage, principal: Principal): void {
  (req as WithPrincipal)[principalKey] = principal;
}

/** The request's principal; throws when the auth layer did not run (a route outside /api). */
export function principalOf(req: IncomingMessage): Principal {
  const principal = (req as WithPrincipal)[principalKey];
  if (!principal) {
    throw new GantryError('AUTH_REQUIRED', 'This request was not authenticated.', {
      hint: 'Platform routes live under /api/, where the server authenticates every request.',
    });
  }
  return principal;
}

/** The principal, if it holds `scope`; AUTH_SCOPE_FORBIDDEN (403) otherwise. */
export function requireScope(req: IncomingMessage, scope: Scope): Principal {
  const principal = principalOf(req);
  if (!principal.scopes.has(scope)) {
    throw new GantryError('AUTH_SCOPE_FORBIDDEN', `This API key lacks the '${scope}' scope.`, {
      hint: `Create a key with it: gantry keys create --name <name> --scopes ${scope}.`,
      details: { scope },
    });
  }
  return principal;
}
