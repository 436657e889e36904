import type { ErrorDefinition } from './error-definition.js';

export const gatewayErrors = {} as const satisfies Record<string, ErrorDefinition>;
