import type { ErrorDefinition } from './error-definition.js';

export const gatewayErrors = {
  GATEWAY_AUTH_REQUIRED: {
    description: 'A gateway request carried no API key, or a key that is unknown or revoked.',
    httpStatus: 401,
    exitCode: 1,
  },
  GATEWAY_MODEL_NOT_FOUND: {
    description: 'The requested model is neither a gateway alias nor a configured model.',
    httpStatus: 404,
    exitCode: 1,
  },
  GATEWAY_MODEL_FORBIDDEN: {
    description: 'The API key is not allowed to use the requested model.',
    httpStatus: 403,
    exitCode: 1,
  },
  GATEWAY_RATE_LIMITED: {
    description:
      'A per-key limit (requests or tokens per minute, concurrent requests) was reached; Retry-After says when to retry.',
    httpStatus: 429,
    exitCode: 1,
  },
  GATEWAY_BUDGET_EXCEEDED: {
    description: "A key's daily or total spend budget is used up.",
    httpStatus: 429,
    exitCode: 1,
  },
  GATEWAY_UPSTREAM_FAILED: {
    description:
      'Every target of a route failed (error status, timeout, connection error, open breaker) after retries and fallbacks.',
    httpStatus: 502,
    exitCode: 1,
  },
  GATEWAY_UPSTREAM_TIMEOUT: {
    description: 'The last target tried did not answer within its timeout.',
    httpStatus: 504,
    exitCode: 1,
  },
  GATEWAY_STREAM_INTERRUPTED: {
    description:
      'An upstream stream broke after the first token had been sent; the client receives an error event.',
    httpStatus: 502,
    exitCode: 1,
  },
  GATEWAY_BLOCKED: {
    description: 'A gateway hook (a guardrail policy) refused the request or the response.',
    httpStatus: 400,
    exitCode: 1,
  },
  GATEWAY_ADMIN_FORBIDDEN: {
    description: 'The admin API was called without the configured admin key.',
    httpStatus: 403,
    exitCode: 1,
  },
  GATEWAY_CONFIG_INVALID: {
    description: 'The gateway configuration refers to an unknown upstream or has a route with no targets.',
    httpStatus: 500,
    exitCode: 2,
  },
  GATEWAY_STATE_UNAVAILABLE: {
    description: 'The shared state backend (Redis) could not be reached.',
    httpStatus: 503,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
