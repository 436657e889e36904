// Gateway API keys: only the SHA-256 hash of a key is stored; lookups go by hash.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GatewayKeyRepository } from '../repository.js';
import { type KeyRow, rowToKey } from '../rows.js';

export function createSqliteGatewayKeyRepository(db: SqliteDatabase): GatewayKeyRepository {
  const insert = db.prepare(`INSERT INTO gateway_api_keys
    (id, name, key_hash, key_prefix, created_at, revoked_at, limits, models) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const byHash = db.prepare('SELECT * FROM gateway_api_keys WHERE key_hash = ?');
  const byId = db.prepare('SELECT * FROM gateway_api_keys WHERE id = ?');
  const all = db.prepare('SELECT * FROM gateway_api_keys ORDER BY created_at');
  const active = db.prepare('SELECT * FROM gateway_api_keys WHERE revoked_at IS NULL ORDER BY created_at');
  const revoke = db.prepare('UPDATE gateway_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    async createKey(r) {
      insert.run(
        r.id,
        r.name,
        r.keyHash,
        r.keyPrefix,
        r.createdAt,
        r.revokedAt,
        JSON.stringify(r.limits),
        r.models ? JSON.stringify(r.models) : null,
      );
    },
    async findKeyByHash(keyHash) {
      const row = byHash.get(keyHash) as KeyRow | undefined;
      return row ? rowToKey(row) : undefined;
    },
    async getKey(id) {
      const row = byId.get(id) as KeyRow | undefined;
      return row ? rowToKey(row) : undefined;
    },
    async listKeys({ includeRevoked = false } = {}) {
      return ((includeRevoked ? all : active).all() as KeyRow[]).map(rowToKey);
    },
    async revokeKey(id, at) {
      if (revoke.run(at, id).changes > 0) return true;
      return byId.get(id) !== undefined;
    },
  };
}
