import type { Migration } from '../../migration.js';

// What each API key may do (scopes) and for whom (tenant). A table beside the keys table: a key with
// no row is a gateway-only key of the 'default' tenant (every key created before scopes existed).
export const gatewayKeyGrantsMigration: Migration = {
  id: 302,
  name: 'gateway: scopes and tenant of each API key',
  up: `
    CREATE TABLE gateway_key_grants (
      key_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      scopes TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
