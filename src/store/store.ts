// The store: one interface for every subsystem's persistence. SQLite is the embedded default; a
// Postgres implementation must pass the same contract tests (test/store-contract.ts; SQLite runs it in test/store-contract.test.ts).

import {
  type AgentApprovalRepository,
  createSqliteAgentApprovalRepository,
} from './agent-approval-repository.js';
import { type AgentRunRepository, createSqliteAgentRunRepository } from './agent-run-repository.js';
import {
  type AgentToolCallRepository,
  createSqliteAgentToolCallRepository,
} from './agent-tool-call-repository.js';
import { createSqliteEvalCacheRepository, type EvalCacheRepository } from './eval-cache-repository.js';
import { createSqliteEvalRunRepository, type EvalRunRepository } from './eval-run-repository.js';
import { createSqliteGatewayKeyRepository, type GatewayKeyRepository } from './gateway-key-repository.js';
import {
  createSqliteGatewayUsageRepository,
  type GatewayUsageRepository,
} from './gateway-usage-repository.js';
import { createSqliteGuardEventRepository, type GuardEventRepository } from './guard-event-repository.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import { migrations as allMigrations } from './migrations/index.js';
import { createSqliteRagDocumentRepository, type RagDocumentRepository } from './rag-document-repository.js';
import { createSqliteRagVectorRepository, type RagVectorRepository } from './rag-vector-repository.js';
import { createSqliteSpanRepository, type SpanRepository } from './span-repository.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database.js';
import { createSqliteTenancyRepository, type TenancyRepository } from './tenancy-repository.js';

export interface Store {
  readonly kind: 'sqlite';
  readonly location: string;
  readonly spans: SpanRepository;
  readonly evalRuns: EvalRunRepository;
  readonly evalCache: EvalCacheRepository;
  readonly agentRuns: AgentRunRepository;
  readonly agentToolCalls: AgentToolCallRepository;
  readonly agentApprovals: AgentApprovalRepository;
  readonly gatewayKeys: GatewayKeyRepository;
  readonly gatewayUsage: GatewayUsageRepository;
  readonly ragDocuments: RagDocumentRepository;
  readonly ragVectors: RagVectorRepository;
  readonly guardEvents: GuardEventRepository;
  /** Owners of runs and the scopes and tenant of API keys (security). */
  readonly tenancy: TenancyRepository;
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
  return {
    kind: 'sqlite',
    location: path,
    database: db,
    spans: createSqliteSpanRepository(db),
    evalRuns: createSqliteEvalRunRepository(db),
    evalCache: createSqliteEvalCacheRepository(db),
    agentRuns: createSqliteAgentRunRepository(db),
    agentToolCalls: createSqliteAgentToolCallRepository(db),
    agentApprovals: createSqliteAgentApprovalRepository(db),
    gatewayKeys: createSqliteGatewayKeyRepository(db),
    gatewayUsage: createSqliteGatewayUsageRepository(db),
    ragDocuments: createSqliteRagDocumentRepository(db),
    ragVectors: createSqliteRagVectorRepository(db),
    guardEvents: createSqliteGuardEventRepository(db),
    tenancy: createSqliteTenancyRepository(db),
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
