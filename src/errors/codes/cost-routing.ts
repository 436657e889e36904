import type { ErrorDefinition } from './error-definition.js';

export const costRoutingErrors = {
  COST_ROUTE_INVALID: {
    description:
      'A `cost.routes` entry names a weak or strong route that the gateway does not serve, or collides with a gateway route.',
    httpStatus: 500,
    exitCode: 2,
  },
  COST_WEIGHTS_INVALID: {
    description:
      'A router or verifier classifier file could not be read or is not a logistic model (weights, mean, scale of one length).',
    httpStatus: 500,
    exitCode: 2,
  },
  COST_REPORT_WINDOW_INVALID: {
    description: '`gantry cost report --since/--until` was not an ISO date or a duration such as 24h or 7d.',
    httpStatus: 400,
    exitCode: 2,
  },
} as const satisfies Record<string, ErrorDefinition>;
