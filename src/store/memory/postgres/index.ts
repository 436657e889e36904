// The memory domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { MemoryRepositories } from '../repository.js';
import { createPostgresMemoryRepository } from './memory.js';
import { memoryPostgresMigrations } from './migrations.js';

export { createPostgresMemoryRepository } from './memory.js';

export const memoryPostgres: PostgresBackend<MemoryRepositories> = {
  migrations: memoryPostgresMigrations,
  create: (db) => ({ memory: createPostgresMemoryRepository(db) }),
};
