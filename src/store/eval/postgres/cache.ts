// Cached eval target outputs on Postgres.

import type { PostgresDatabase } from '../../postgres-database.js';
import type { EvalCacheRepository } from '../repository.js';

export function createPostgresEvalCacheRepository(db: PostgresDatabase): EvalCacheRepository {
  return {
    async get(key) {
      const [row] = await db.query<{ output: string }>('SELECT output FROM eval_cache WHERE cache_key = $1', [
        key,
      ]);
      return row === undefined ? undefined : JSON.parse(row.output);
    },
    async set(key, output) {
      await db.query(
        `INSERT INTO eval_cache (cache_key, output, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (cache_key) DO UPDATE SET output = excluded.output, created_at = excluded.created_at`,
        [key, JSON.stringify(output), Date.now()],
      );
    },
    async clear() {
      const rows = await db.query('DELETE FROM eval_cache RETURNING 1');
      return rows.length;
    },
  };
}
