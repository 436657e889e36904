// The store's public names. Each domain (src/store/<domain>/) names its own; add one line per domain.
export type {
  AgentApprovalRecord,
  AgentApprovalRepository,
  AgentApprovalStatus,
  AgentCheckpointEntry,
  AgentRepositories,
  AgentRunRecord,
  AgentRunRepository,
  AgentRunStatus,
  AgentRunUpdate,
  AgentTenantRepository,
  AgentToolCallRecord,
  AgentToolCallRepository,
} from './agent/index.js';
export type {
  BatchCounts,
  BatchesRepositories,
  BatchItemRecord,
  BatchItemStatus,
  BatchRecord,
  BatchStatus,
  GatewayBatchRepository,
  GatewayFileRepository,
  StoredFileRecord,
} from './batches/index.js';
export { defaultTenant } from './default-tenant.js';
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
export type {
  EvalCacheRepository,
  EvalRepositories,
  EvalResultRecord,
  EvalRunRecord,
  EvalRunRepository,
  EvalRunStatus,
} from './eval/index.js';
export type {
  GatewayKeyGrantRepository,
  GatewayKeyLimits,
  GatewayKeyRecord,
  GatewayKeyRepository,
  GatewayRepositories,
  GatewayUsageEndpoint,
  GatewayUsageRecord,
  GatewayUsageRepository,
  GatewayUsageSpan,
  GatewayUsageTotals,
  KeyGrant,
} from './gateway/index.js';
export { gatewayOperation, gatewaySpanName } from './gateway/index.js';
export type {
  DriftWindowRecord,
  GuardEventRecord,
  GuardEventRepository,
  GuardRepositories,
} from './guard/index.js';
export * from './memory/index.js';
export { type MigrationResult, migrate } from './migrate.js';
export type { Migration } from './migration.js';
export { migrations } from './migrations.js';
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
  RagBackgroundWriter,
  RagChunkInput,
  RagChunkRecord,
  RagCollectionRecord,
  RagDocumentChange,
  RagDocumentRecord,
  RagDocumentRepository,
  RagMetadataFilter,
  RagRepositories,
  RagVectorHit,
  RagVectorRepository,
  RagVectorSearchOptions,
} from './rag/index.js';
export type {
  GatewayResponseRepository,
  ResponsesRepositories,
  StoredResponseRecord,
} from './responses/index.js';
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
export {
  type AppliedMigration,
  appliedMigrations,
  type CopyableStore,
  type CopyReport,
  copyStore,
  describeStore,
  type TableReport,
} from './transfer/index.js';
export { utcDay } from './utc-day.js';
