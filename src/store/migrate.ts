// Applies pending migrations, each inside its own transaction; a failure rolls that one back and names it.
import { GantryError } from '../errors/index.js';
import type { Migration } from './migration.js';
import type { SqliteDatabase } from './sqlite-database.js';

export interface MigrationResult {
  applied: number[];
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((row) => row.id),
  );
  const ordered = [...migrations].sort((a, b) => a.id - b.id);
  assertUniqueIds(ordered);
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of ordered) {
    if (done.has(migration.id)) continue;
    const apply = db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      record.run(migration.id, migration.name, new Date().toISOString());
    });
    try {
      apply();
    } catch (error) {
      throw new GantryError(
        'STORE_MIGRATION_FAILED',
        `Migration ${migration.id} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
        {
          hint: 'The database is as it was before this migration. Report the error with the migration id.',
          details: { id: migration.id, name: migration.name },
          cause: error,
        },
      );
    }
    applied.push(migration.id);
  }
  return { applied };
}

function assertUniqueIds(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].id === migrations[i - 1].id) {
      throw new GantryError('INTERNAL', `Two migrations share id ${migrations[i].id}.`);
    }
  }
}
