// What each API key may do (scopes) and for whom (tenant), in a table beside the keys (migration 302);
// a key without a row is a gateway-only key of the default tenant (every key made before scopes).
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GatewayKeyGrantRepository } from '../repository.js';

export function createSqliteGatewayKeyGrantRepository(db: SqliteDatabase): GatewayKeyGrantRepository {
  const upsert = db.prepare(
    'INSERT INTO gateway_key_grants (key_id, tenant, scopes) VALUES (?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET tenant = excluded.tenant, scopes = excluded.scopes',
  );
  const grant = db.prepare('SELECT tenant, scopes FROM gateway_key_grants WHERE key_id = ?');
  return {
    async setKeyGrant(keyId, { tenant, scopes }) {
      upsert.run(keyId, tenant, JSON.stringify(scopes));
    },
    async keyGrant(keyId) {
      const row = grant.get(keyId) as { tenant: string; scopes: string } | undefined;
      return row ? { tenant: row.tenant, scopes: JSON.parse(row.scopes) as string[] } : undefined;
    },
  };
}
