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
export { type MigrationResult, migrate } from './migrate.js';
export type { Migration } from './migration.js';
export { migrations } from './migrations/index.js';
export type { SpanRecord, SpanRepository, TraceSummary } from './span-repository.js';
export type { SqliteDatabase } from './sqlite-database.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions, type Store } from './store.js';
