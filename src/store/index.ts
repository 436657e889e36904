export type {
  AgentApprovalRecord,
  AgentApprovalRepository,
  AgentApprovalStatus,
  AgentRepositories,
  AgentRunRecord,
  AgentRunRepository,
  AgentRunStatus,
  AgentRunUpdate,
  AgentToolCallRecord,
  AgentToolCallRepository,
} from './agent/index.js';
export {
  type AllRepositories,
  type DomainBackend,
  type DomainContract,
  defineStoreDomain,
  type OpenRepositories,
  type RepositoriesOf,
  type StoreDomain,
} from './domain.js';
export { type StoreRepositories, storeDomains } from './domains.js';
export type { EvalCacheRepository } from './eval-cache-repository.js';
export type {
  EvalResultRecord,
  EvalRunRecord,
  EvalRunRepository,
  EvalRunStatus,
} from './eval-run-repository.js';
export type {
  GatewayKeyLimits,
  GatewayKeyRecord,
  GatewayKeyRepository,
} from './gateway-key-repository.js';
export type {
  GatewayUsageRecord,
  GatewayUsageRepository,
  GatewayUsageTotals,
} from './gateway-usage-repository.js';
export type { DriftWindowRecord, GuardEventRecord, GuardEventRepository } from './guard-event-repository.js';
export { type MigrationResult, migrate } from './migrate.js';
export type { Migration } from './migration.js';
export { migrations } from './migrations/index.js';
export { openStore, type StoreSettings } from './open-store.js';
export {
  isPostgresUrl,
  openPostgresDatabase,
  type PostgresDatabase,
  type PostgresQueryable,
  redactPostgresUrl,
} from './postgres-database.js';
export { migratePostgres } from './postgres-migrate.js';
export type { PostgresMigration } from './postgres-migration.js';
export {
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
  postgresMigrations,
  postgresStoreOn,
} from './postgres-store.js';
export type {
  RagChunkInput,
  RagChunkRecord,
  RagCollectionRecord,
  RagDocumentChange,
  RagDocumentRecord,
  RagDocumentRepository,
  RagMetadataFilter,
} from './rag-document-repository.js';
export type { RagVectorHit, RagVectorRepository, RagVectorSearchOptions } from './rag-vector-repository.js';
export { probeSqliteCapabilities, type SqliteCapabilities } from './sqlite-capabilities.js';
export type { SqliteDatabase } from './sqlite-database.js';
export {
  openSqliteStore,
  type SqliteStore,
  type SqliteStoreOptions,
  type Store,
  type StoreKind,
} from './store.js';
export type { SpanRecord, SpanRepository, TraceRepositories, TraceSummary } from './trace/index.js';
export { utcDay } from './utc-day.js';
