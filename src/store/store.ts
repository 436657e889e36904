// The store: one object holding every domain's repositories (domains.ts), on one backend. SQLite is the
// embedded default; every backend passes the same contract suites (src/store/<domain>/contract.ts, run
// against each backend by test/store-contract.test.ts).

import { type StoreRepositories, storeDomains } from './domains.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import { migrations as allMigrations } from './migrations.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface Store extends StoreRepositories {
  readonly kind: StoreKind;
  readonly location: string;
  /** Writes and reads a row, proving the database is usable (for `gantry doctor` and /readyz). */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}

export interface SqliteStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** Replaces the built-in migration list (tests of the migration runner). */
  migrations?: readonly Migration[];
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The raw connection, for code inside src/store only. */
  readonly database: SqliteDatabase;
}

export function openSqliteStore({ path, migrations = allMigrations }: SqliteStoreOptions): SqliteStore {
  const db = openSqliteDatabase(path);
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const probe = db.prepare('SELECT count(*) AS n FROM schema_migrations');
  const repositories = Object.assign({}, ...storeDomains.map((domain) => domain.sqlite.create(db)));
  return {
    ...(repositories as StoreRepositories),
    kind: 'sqlite',
    location: path,
    database: db,
    async checkWritable() {
      db.transaction(() => {
        db.prepare('DELETE FROM store_probe').run();
        db.prepare('INSERT INTO store_probe (at) VALUES (?)').run(new Date().toISOString());
      })();
      probe.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
