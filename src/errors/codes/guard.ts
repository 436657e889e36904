import type { ErrorDefinition } from './error-definition.js';

export const guardErrors = {} as const satisfies Record<string, ErrorDefinition>;
