import type { ErrorDefinition } from './error-definition.js';

export const evalErrors = {} as const satisfies Record<string, ErrorDefinition>;
