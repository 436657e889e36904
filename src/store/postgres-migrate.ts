// Applies pending Postgres migrations, each in its own transaction (Postgres DDL is transactional, so
// a failure leaves the schema as it was). An advisory lock makes replicas that start together apply
// them once: the others wait, then find nothing to do.
import { GantryError } from '../errors/index.js';
import type { MigrationResult } from './migrate.js';
import type { PostgresDatabase } from './postgres-database.js';
import type { PostgresMigration } from './postgres-migration.js';

/** pg_advisory_lock's first key ("gant" in ASCII); the second is the schema's hash. */
const migrationLock = 0x67616e74;

export async function migratePostgres(
  db: PostgresDatabase,
  migrations: readonly PostgresMigration[],
): Promise<MigrationResult> {
  const ordered = [...migrations].sort((a, b) => a.id - b.id);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].id === ordered[i - 1].id) {
      throw new GantryError('INTERNAL', `Two Postgres migrations share id ${ordered[i].id}.`);
    }
  }
  const applied: number[] = [];
  await db.session(async (client) => {
    await client.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [migrationLock]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const done = new Set(
        (await client.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id),
      );
      for (const migration of ordered) {
        if (done.has(migration.id)) continue;
        try {
          await client.query('BEGIN');
          if (typeof migration.up === 'string') await client.query(migration.up);
          else await migration.up(client);
          await client.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
            migration.id,
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new GantryError(
            'STORE_MIGRATION_FAILED',
            `Postgres migration ${migration.id} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
            {
              hint: 'The database is as it was before this migration. Report the error with the migration id.',
              details: { id: migration.id, name: migration.name },
              cause: error,
            },
          );
        }
        applied.push(migration.id);
      }
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [migrationLock])
        .catch(() => {});
    }
  });
  return { applied };
}
