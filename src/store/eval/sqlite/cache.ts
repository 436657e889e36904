// Cached target outputs, keyed by a hash of (target, input, trial seed): unchanged examples are not re-run.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { EvalCacheRepository } from '../repository.js';

export function createSqliteEvalCacheRepository(db: SqliteDatabase): EvalCacheRepository {
  const select = db.prepare('SELECT output FROM eval_cache WHERE cache_key = ?');
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO eval_cache (cache_key, output, created_at) VALUES (?, ?, ?)',
  );
  const clear = db.prepare('DELETE FROM eval_cache');
  return {
    async get(key) {
      const row = select.get(key) as { output: string } | undefined;
      return row === undefined ? undefined : JSON.parse(row.output);
    },
    async set(key, output) {
      upsert.run(key, JSON.stringify(output), Date.now());
    },
    async clear() {
      return clear.run().changes;
    },
  };
}
