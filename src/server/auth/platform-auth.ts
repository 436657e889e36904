// The one authentication step of platform routes (/api/*): the admin key, an API key (hashed, with
// scopes and a tenant), or, on a loopback server with auth not required, the keyless local user.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { type KeyService, readCredential, type Scope, scopes } from '../../gateway/index.js';
import { defaultTenant } from '../../store/index.js';
import { platformAuthRequired } from './exposure.js';
import type { Principal } from './principal.js';

export type PlatformAuth = (req: IncomingMessage) => Promise<Principal>;

/** The local user of a loopback server without keys: every scope but admin, the default tenant. */
const localPrincipal: Principal = {
  tenant: defaultTenant,
  principal: 'local',
  scopes: new Set<Scope>(scopes.filter((scope) => scope !== 'admin')),
  models: null,
  anonymous: true,
};

const adminPrincipal: Principal = {
  tenant: defaultTenant,
  principal: 'admin',
  scopes: new Set<Scope>(scopes),
  models: null,
  anonymous: false,
};

export function createPlatformAuth({
  config,
  keys,
  env = process.env,
}: {
  config: GantryConfig;
  keys: KeyService;
  env?: NodeJS.ProcessEnv;
}): PlatformAuth {
  const required = platformAuthRequired(config);
  const adminKey = config.gateway.auth.adminKey ?? env[config.gateway.auth.adminKeyEnv];
  const adminBytes = adminKey ? Buffer.from(adminKey) : undefined;
  const principals = new WeakMap<object, Principal>();
  return async (req) => {
    const secret = readCredential(req.headers);
    if (!secret) {
      if (required) throw unauthorised('The request carries no API key.');
      return localPrincipal;
    }
    const given = Buffer.from(secret);
    if (adminBytes && given.length === adminBytes.length && timingSafeEqual(given, adminBytes))
      return adminPrincipal;
    const key = await keys.authenticate(secret);
    if (!key) throw unauthorised('The API key is unknown or revoked.');
    let principal = principals.get(key);
    if (!principal) {
      principal = {
        tenant: key.tenant,
        principal: key.id,
        scopes: new Set(key.scopes),
        models: key.models,
        anonymous: false,
      };
      principals.set(key, principal);
    }
    return principal;
  };
}

function unauthorised(message: string): GantryError {
  return new GantryError('AUTH_REQUIRED', message, {
    hint: "Send 'Authorization: Bearer <key>'; create one with `gantry keys create --name <name> --scopes agents,rag`.",
  });
}
