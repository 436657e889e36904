// Gateway API keys on Postgres: only the SHA-256 hash of a key is stored; lookups go by hash.

import type { PostgresDatabase } from '../../postgres-database.js';
import type { GatewayKeyRepository } from '../repository.js';
import { type KeyRow, rowToKey } from '../rows.js';

const keyColumns = 'id, name, key_hash, key_prefix, created_at, revoked_at, limits, models';

export function createPostgresGatewayKeyRepository(db: PostgresDatabase): GatewayKeyRepository {
  const one = async (where: string, value: string) => {
    const [row] = await db.query<KeyRow>(`SELECT ${keyColumns} FROM gateway_api_keys WHERE ${where} = $1`, [
      value,
    ]);
    return row ? rowToKey(row) : undefined;
  };
  return {
    async createKey(r) {
      await db.query(
        `INSERT INTO gateway_api_keys (id, name, key_hash, key_prefix, created_at, revoked_at, limits, models)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          r.id,
          r.name,
          r.keyHash,
          r.keyPrefix,
          r.createdAt,
          r.revokedAt,
          JSON.stringify(r.limits),
          r.models ? JSON.stringify(r.models) : null,
        ],
      );
    },
    findKeyByHash: (keyHash) => one('key_hash', keyHash),
    getKey: (id) => one('id', id),
    async listKeys({ includeRevoked = false } = {}) {
      const rows = await db.query<KeyRow>(
        `SELECT ${keyColumns} FROM gateway_api_keys ${includeRevoked ? '' : 'WHERE revoked_at IS NULL'}
         ORDER BY created_at, id`,
      );
      return rows.map(rowToKey);
    },
    async revokeKey(id, at) {
      const [row] = await db.query<{ revoked: boolean }>(
        `WITH changed AS (
           UPDATE gateway_api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id)
         SELECT EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM gateway_api_keys WHERE id = $2) AS revoked`,
        [at, id],
      );
      return row.revoked;
    },
  };
}
