export type {
  AgentApprovalRecord,
  AgentApprovalRepository,
  AgentApprovalStatus,
} from './agent-approval-repository.js';
export type {
  AgentRunRecord,
  AgentRunRepository,
  AgentRunStatus,
  AgentRunUpdate,
} from './agent-run-repository.js';
export type { AgentToolCallRecord, AgentToolCallRepository } from './agent-tool-call-repository.js';
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
export type { SpanRecord, SpanRepository, TraceSummary } from './span-repository.js';
export { probeSqliteCapabilities, type SqliteCapabilities } from './sqlite-capabilities.js';
export type { SqliteDatabase } from './sqlite-database.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions, type Store } from './store.js';
export {
  createSqliteTenancyRepository,
  defaultTenant,
  type KeyGrant,
  type TenancyRepository,
} from './tenancy-repository.js';
export { utcDay } from './utc-day.js';
