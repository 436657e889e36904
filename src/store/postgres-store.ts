// The store on Postgres: every domain's repositories on one connection pool, after the Postgres
// migrations (same ids as SQLite's). Chosen by `database.url: postgres://…` (see open-store.ts).
import { createPostgresAgentApprovalRepository } from './agent/postgres/approvals.js';
import { agentPostgresMigrations } from './agent/postgres/migrations.js';
import { createPostgresAgentRunRepository } from './agent/postgres/runs.js';
import { createPostgresAgentToolCallRepository } from './agent/postgres/tool-calls.js';
import { createPostgresEvalCacheRepository } from './eval/postgres/cache.js';
import { evalPostgresMigrations } from './eval/postgres/migrations.js';
import { createPostgresEvalRunRepository } from './eval/postgres/runs.js';
import { createPostgresGatewayKeyRepository } from './gateway/postgres/keys.js';
import { gatewayPostgresMigrations } from './gateway/postgres/migrations.js';
import { createPostgresGatewayUsageRepository } from './gateway/postgres/usage.js';
import { createPostgresGuardEventRepository } from './guard/postgres/events.js';
import { guardPostgresMigrations } from './guard/postgres/migrations.js';
import { openPostgresDatabase, type PostgresDatabase, redactPostgresUrl } from './postgres-database.js';
import { migratePostgres } from './postgres-migrate.js';
import type { PostgresMigration } from './postgres-migration.js';
import { createPostgresRagDocumentRepository } from './rag/postgres/documents.js';
import { ragPostgresMigrations } from './rag/postgres/migrations.js';
import { createPostgresRagVectorRepository, type PostgresVectorOptions } from './rag/postgres/vectors.js';
import type { Store } from './store.js';
import { tracePostgresMigrations } from './trace/postgres/migrations.js';
import { createPostgresSpanRepository } from './trace/postgres/spans.js';

export const postgresMigrations: readonly PostgresMigration[] = [
  ...tracePostgresMigrations,
  ...agentPostgresMigrations,
  ...ragPostgresMigrations,
  ...gatewayPostgresMigrations,
  ...guardPostgresMigrations,
  ...evalPostgresMigrations,
].sort((a, b) => a.id - b.id);

export interface PostgresStoreOptions {
  /** postgres://user:password@host:5432/database */
  url: string;
  /** Tables live in this schema (created when missing); default public. */
  schema?: string;
  /** Most connections this process opens (default 10). */
  poolSize?: number;
  /** Replaces the built-in migration list (tests of the migration runner). */
  migrations?: readonly PostgresMigration[];
  vectors?: PostgresVectorOptions;
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
  return postgresStoreOn(db, redactPostgresUrl(options.url), options.vectors);
}

/** The store on an open, migrated database (also used with PGlite in tests). */
export function postgresStoreOn(
  db: PostgresDatabase,
  location: string,
  vectorOptions?: PostgresVectorOptions,
): PostgresStore {
  let closed = false;
  return {
    kind: 'postgres',
    location,
    database: db,
    spans: createPostgresSpanRepository(db),
    evalRuns: createPostgresEvalRunRepository(db),
    evalCache: createPostgresEvalCacheRepository(db),
    agentRuns: createPostgresAgentRunRepository(db),
    agentToolCalls: createPostgresAgentToolCallRepository(db),
    agentApprovals: createPostgresAgentApprovalRepository(db),
    gatewayKeys: createPostgresGatewayKeyRepository(db),
    gatewayUsage: createPostgresGatewayUsageRepository(db),
    ragDocuments: createPostgresRagDocumentRepository(db),
    ragVectors: createPostgresRagVectorRepository(db, vectorOptions),
    guardEvents: createPostgresGuardEventRepository(db),
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
}
