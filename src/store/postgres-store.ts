// The store on Postgres: every domain's repositories on one connection pool, after the Postgres
// migrations (same ids as SQLite's). Chosen by `database.url: postgres://…` (see open-store.ts).
import { GantryError } from '../errors/index.js';
import type { PostgresBackendOptions } from './domain.js';
import { type StoreRepositories, storeDomains } from './domains.js';
import { openPostgresDatabase, type PostgresDatabase, redactPostgresUrl } from './postgres-database.js';
import { migratePostgres } from './postgres-migrate.js';
import type { PostgresMigration } from './postgres-migration.js';
import type { Store } from './store.js';

/** Every domain's Postgres migrations, in id order. */
export const postgresMigrations: readonly PostgresMigration[] = storeDomains
  .flatMap((domain) => domain.postgres?.migrations ?? [])
  .sort((a, b) => a.id - b.id);

export interface PostgresStoreOptions {
  /** postgres://user:password@host:5432/database */
  url: string;
  /** Tables live in this schema (created when missing); default public. */
  schema?: string;
  /** Most connections this process opens (default 10). */
  poolSize?: number;
  /** Replaces the built-in migration list (tests of the migration runner). */
  migrations?: readonly PostgresMigration[];
  /** Vector storage: pgvector when the server has it (default), or bytes searched in process. */
  vectors?: PostgresBackendOptions['vectors'];
}

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  /** The pool, for code inside src/store only (data tools, benchmarks). */
  readonly database: PostgresDatabase;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const db = await openPostgresDatabase(options);
  try {
    await migratePostgres(db, options.migrations ?? postgresMigrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return postgresStoreOn(db, redactPostgresUrl(options.url), { vectors: options.vectors });
}

/** The store on an open, migrated database (also used with PGlite in tests). */
export function postgresStoreOn(
  db: PostgresDatabase,
  location: string,
  options: PostgresBackendOptions = {},
): PostgresStore {
  const repositories = Object.assign(
    {},
    ...storeDomains.flatMap((domain) => (domain.postgres ? [domain.postgres.create(db, options)] : [])),
  ) as StoreRepositories;
  const missing = storeDomains.filter((domain) => !domain.postgres).map((domain) => domain.name);
  let closed = false;
  const store: PostgresStore = {
    ...repositories,
    kind: 'postgres',
    location,
    database: db,
    async checkWritable() {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM store_probe');
        await tx.query('INSERT INTO store_probe (at) VALUES ($1)', [new Date().toISOString()]);
      });
      await db.query('SELECT count(*) AS n FROM schema_migrations');
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
  return missing.length === 0 ? store : withUnsupportedDomains(store, missing);
}

/**
 * A store whose list of domains includes some without a Postgres implementation: it opens, and any
 * repository it lacks fails with a clear error when one of its methods is called.
 */
function withUnsupportedDomains(store: PostgresStore, domains: readonly string[]): PostgresStore {
  const fail = () => {
    throw new GantryError(
      'STORE_DOMAIN_UNSUPPORTED',
      `The store domain(s) ${domains.join(', ')} have no Postgres implementation yet.`,
      {
        hint: `Use SQLite (unset database.url) for this feature, or add src/store/<domain>/postgres/.`,
        details: { domains },
      },
    );
  };
  const unsupported = new Proxy({}, { get: (_target, property) => (property === 'then' ? undefined : fail) });
  return new Proxy(store, {
    get(target, property, receiver) {
      if (
        typeof property !== 'string' ||
        property in target ||
        property === 'then' ||
        property === 'toJSON'
      ) {
        return Reflect.get(target, property, receiver);
      }
      return unsupported;
    },
  });
}
