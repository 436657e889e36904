/** The tenant of keyless local use, of keys created without one, and of data made by the CLI. */
export const defaultTenant = 'default';
