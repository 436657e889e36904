// The server's authentication layer: principals, scopes, tenants, request admission and safe start.
export { checkExposure, isLoopbackHost, platformAuthRequired } from './exposure.js';
export { createPlatformAuth, type PlatformAuth } from './platform-auth.js';
export { type Principal, principalOf, requireScope, setPrincipal } from './principal.js';
export { type Admission, createAdmission } from './request-admission.js';
export { scopeForPath } from './route-scopes.js';
export { tenantCollection, tenantCollections } from './tenant-collections.js';
export { createTenantRunSlots, type TenantRunSlots } from './tenant-run-slots.js';
export { apiToolsFor, checkApiModel, checkApiTools } from './tool-access.js';
