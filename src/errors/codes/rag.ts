import type { ErrorDefinition } from './error-definition.js';

export const ragErrors = {} as const satisfies Record<string, ErrorDefinition>;
