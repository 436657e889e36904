// The memory domain: records, repository interface, SQLite implementation, migrations, contract.
export { memoryMigration } from './0600-memory.js';
export type {
  MemoryEpisodeFilter,
  MemoryEpisodeRecord,
  MemoryFactRecord,
  MemoryFactStatus,
  MemoryProfileRecord,
  MemoryProfileSource,
  MemoryProfileVersionRecord,
  MemoryRole,
  MemoryRowCounts,
  MemorySessionInfo,
  MemorySummaryRecord,
  MemoryVectorRecord,
} from './memory-records.js';
export type { MemoryFactUpdate, MemoryRepository } from './memory-repository.js';
export { createSqliteMemoryRepository } from './sqlite-memory-repository.js';
