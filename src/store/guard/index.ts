// The guard domain: per-request guard events and drift windows.
import { defineStoreDomain } from '../domain.js';
import { createSqliteGuardEventRepository, type GuardEventRepository } from '../guard-event-repository.js';
import { guardMigration } from '../migrations/0400-guard.js';
import { guardPostgres } from './postgres/index.js';

export interface GuardRepositories {
  readonly guardEvents: GuardEventRepository;
}

export const guardDomain = defineStoreDomain({
  name: 'guard',
  migrationIds: [400, 499],
  sqlite: {
    migrations: [guardMigration],
    create: (db): GuardRepositories => ({ guardEvents: createSqliteGuardEventRepository(db) }),
  },
  postgres: guardPostgres,
});
