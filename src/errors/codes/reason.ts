import type { ErrorDefinition } from './error-definition.js';

export const reasonErrors = {
  REASON_VERIFIER_OUTPUT_INVALID: {
    description: 'A verifier (judge model or reward-model endpoint) answered without a readable score.',
    httpStatus: 502,
    exitCode: 1,
  },
  REASON_VERIFIER_FAILED: {
    description: 'A reward-model endpoint could not be reached, timed out or answered with an HTTP error.',
    httpStatus: 502,
    exitCode: 1,
  },
  REASON_PLAN_INVALID: {
    description:
      'A planner (ReWOO, plan-and-execute) wrote a plan with no usable steps, an unknown tool, or a #E reference to a later step.',
    httpStatus: 502,
    exitCode: 1,
  },
  REASON_OPTIONS_INVALID: {
    description:
      'A reasoning strategy was given invalid options (an unknown strategy name, a sample count below 1, no tools for ReWOO).',
    httpStatus: 400,
    exitCode: 2,
  },
} as const satisfies Record<string, ErrorDefinition>;
