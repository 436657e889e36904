import type { ErrorDefinition } from './error-definition.js';

export const memoryErrors = {
  MEMORY_SCOPE_INVALID: {
    description: 'A memory call named no user, or a tenant, user or thread id that is empty or too long.',
    httpStatus: 400,
    exitCode: 2,
  },
  MEMORY_INPUT_INVALID: {
    description:
      'Memory input is malformed: an empty query, a non-positive k, a turn without text or time, a conversation file that is not the documented JSON.',
    httpStatus: 400,
    exitCode: 2,
  },
  MEMORY_PROFILE_INVALID: {
    description: "A working-memory update does not match the profile's schema.",
    httpStatus: 400,
    exitCode: 1,
  },
  MEMORY_PROFILE_CONFLICT: {
    description: 'Two writers updated the same profile at once; the later one must read it again and retry.',
    httpStatus: 409,
    exitCode: 1,
  },
  MEMORY_BUDGET_TOO_SMALL: {
    description: 'The context budget cannot hold even the system prompt and the current message.',
    httpStatus: 400,
    exitCode: 2,
  },
} as const satisfies Record<string, ErrorDefinition>;
