import type { ErrorDefinition } from './error-definition.js';

export const teamErrors = {
  TEAM_DEFINITION_INVALID: {
    description:
      'A team definition (code or team.yaml) names a member that does not exist, repeats a name, or has a bad number (rounds, turns, budget).',
    httpStatus: 400,
    exitCode: 2,
  },
  TEAM_RUN_NOT_RESUMABLE: {
    description:
      'A team run asked to resume has already finished, or was started by a team with another pattern.',
    httpStatus: 409,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
