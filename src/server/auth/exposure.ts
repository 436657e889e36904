// Where the server listens decides its defaults: on loopback a keyless local user is served; beyond
// it, authentication is required, and the server refuses to start without it unless told otherwise.
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';

export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** Keys are required on /api (and, per config, on /v1) for this configuration. */
export function platformAuthRequired(config: GantryConfig): boolean {
  return config.security.requireAuth || config.gateway.auth.required || !isLoopbackHost(config.server.host);
}

/** Throws SERVER_UNSAFE_EXPOSURE for a non-loopback host without required auth (unless allowed). */
export function checkExposure(config: GantryConfig): void {
  if (isLoopbackHost(config.server.host)) return;
  if (config.security.requireAuth || config.gateway.auth.required) return;
  if (config.security.allowUnauthenticated) return;
  throw new GantryError(
    'SERVER_UNSAFE_EXPOSURE',
    `Refusing to listen on ${config.server.host} without authentication: anyone who can reach the port could use the gateway and your provider keys.`,
    {
      hint: 'Set security.requireAuth: true and create keys (gantry keys create --scopes ...), or listen on 127.0.0.1. security.allowUnauthenticated: true serves /v1 without keys (never /api).',
      details: { host: config.server.host },
    },
  );
}
