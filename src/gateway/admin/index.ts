export { type AdminApiOptions, createAdminApi } from './admin-api.js';
