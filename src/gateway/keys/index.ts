export {
  checkLimits,
  checkScopes,
  checkTenant,
  defaultScopes,
  isScope,
  type Scope,
  scopes,
} from './key-grants.js';
export {
  type AuthenticatedKey,
  type CreatedKey,
  createKeyService,
  hashKey,
  type KeyService,
  type KeyServiceOptions,
  maximumSecretLength,
} from './key-service.js';
export { NegativeCache } from './negative-cache.js';
export { readCredential } from './read-credential.js';
