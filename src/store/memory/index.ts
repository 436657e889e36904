// The memory domain: turns (episodes), session summaries, facts with supersession, versioned profiles
// and vectors, every row keyed by (tenant, user).
import { defineStoreDomain } from '../domain.js';
import { memoryMigrations } from './migrations/index.js';
import { memoryPostgres } from './postgres/index.js';
import type { MemoryRepositories } from './repository.js';
import { createSqliteMemoryRepository } from './sqlite/memory.js';

export { createPostgresMemoryRepository } from './postgres/index.js';
export type { MemoryFactUpdate, MemoryRepositories, MemoryRepository } from './repository.js';
export { createSqliteMemoryRepository } from './sqlite/memory.js';
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
} from './types.js';

export const memoryDomain = defineStoreDomain({
  name: 'memory',
  migrationIds: [600, 699],
  sqlite: {
    migrations: memoryMigrations,
    create: (db): MemoryRepositories => ({ memory: createSqliteMemoryRepository(db) }),
  },
  postgres: memoryPostgres,
});
