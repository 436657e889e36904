// Scopes and tenant of each API key on Postgres (migration 302's table); a key without a row is a
// gateway-only key of the default tenant.
import type { PostgresDatabase } from '../../postgres-database.js';
import type { GatewayKeyGrantRepository } from '../repository.js';

export function createPostgresGatewayKeyGrantRepository(db: PostgresDatabase): GatewayKeyGrantRepository {
  return {
    async setKeyGrant(keyId, { tenant, scopes }) {
      await db.query(
        `INSERT INTO gateway_key_grants (key_id, tenant, scopes) VALUES ($1, $2, $3)
         ON CONFLICT (key_id) DO UPDATE SET tenant = excluded.tenant, scopes = excluded.scopes`,
        [keyId, tenant, JSON.stringify(scopes)],
      );
    },
    async keyGrant(keyId) {
      const [row] = await db.query<{ tenant: string; scopes: string }>(
        'SELECT tenant, scopes FROM gateway_key_grants WHERE key_id = $1',
        [keyId],
      );
      return row ? { tenant: row.tenant, scopes: JSON.parse(row.scopes) as string[] } : undefined;
    },
  };
}
