import type { ErrorDefinition } from './error-definition.js';

// The platform's authentication layer, request admission (Host, Origin, media type) and safe start.
export const securityErrors = {
  AUTH_REQUIRED: {
    description:
      'A platform request (/api, /admin, /metrics) carried no API key, or one that is unknown or revoked.',
    httpStatus: 401,
    exitCode: 1,
  },
  AUTH_SCOPE_FORBIDDEN: {
    description:
      'The API key is valid but lacks the scope the route needs (gateway, agents, rag, memory, eval, admin).',
    httpStatus: 403,
    exitCode: 1,
  },
  AUTH_TOOL_FORBIDDEN: {
    description:
      "An /api agent run asked for a tool its tenant may not use (not in security.apiTools or the tenant's tools).",
    httpStatus: 403,
    exitCode: 1,
  },
  TENANT_RUNS_LIMITED: {
    description:
      'The tenant already has security.tenants.<tenant>.concurrentRuns agent runs in progress in this server.',
    httpStatus: 429,
    exitCode: 1,
  },
  REQUEST_HOST_FORBIDDEN: {
    description: 'The Host header names a host this server does not serve (DNS-rebinding guard).',
    httpStatus: 403,
    exitCode: 1,
  },
  REQUEST_ORIGIN_FORBIDDEN: {
    description:
      'A browser request came from an origin that is neither the server itself nor in security.allowedOrigins.',
    httpStatus: 403,
    exitCode: 1,
  },
  REQUEST_MEDIA_TYPE: {
    description:
      "A request body was not sent as exactly 'application/json' (only a charset parameter is allowed).",
    httpStatus: 415,
    exitCode: 1,
  },
  SERVER_UNSAFE_EXPOSURE: {
    description: 'The server would listen beyond loopback without authentication; it refuses to start.',
    httpStatus: 500,
    exitCode: 2,
  },
  GATEWAY_INTERNAL_ERROR: {
    description:
      "The gateway itself failed while preparing a request; it is not counted against the upstream's circuit breaker.",
    httpStatus: 500,
    exitCode: 70,
  },
} satisfies Record<string, ErrorDefinition>;
