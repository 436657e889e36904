// The guard domain: per-request guard events and drift windows.
import { defineStoreDomain } from '../domain.js';
import { guardMigrations } from './migrations/index.js';
import type { GuardRepositories } from './repository.js';
import { createSqliteGuardEventRepository } from './sqlite/events.js';

export type { GuardEventRepository, GuardRepositories } from './repository.js';
export { createSqliteGuardEventRepository } from './sqlite/events.js';
export type { DriftWindowRecord, GuardEventRecord } from './types.js';

export const guardDomain = defineStoreDomain({
  name: 'guard',
  migrationIds: [400, 499],
  sqlite: {
    migrations: guardMigrations,
    create: (db): GuardRepositories => ({ guardEvents: createSqliteGuardEventRepository(db) }),
  },
});
