export { type ErrorCode, errorCatalogue } from './catalogue.js';
export type { ErrorDefinition } from './codes/error-definition.js';
export { GantryError, type GantryErrorOptions } from './gantry-error.js';
