// The eval domain: eval runs with their per-example results, and the cache of target outputs.
import { defineStoreDomain } from '../domain.js';
import { evalMigrations } from './migrations/index.js';
import type { EvalRepositories } from './repository.js';
import { createSqliteEvalCacheRepository } from './sqlite/cache.js';
import { createSqliteEvalRunRepository } from './sqlite/runs.js';

export type { EvalCacheRepository, EvalRepositories, EvalRunRepository } from './repository.js';
export { createSqliteEvalCacheRepository } from './sqlite/cache.js';
export { createSqliteEvalRunRepository } from './sqlite/runs.js';
export type { EvalResultRecord, EvalRunRecord, EvalRunStatus } from './types.js';

export const evalDomain = defineStoreDomain({
  name: 'eval',
  migrationIds: [500, 599],
  sqlite: {
    migrations: evalMigrations,
    create: (db): EvalRepositories => ({
      evalRuns: createSqliteEvalRunRepository(db),
      evalCache: createSqliteEvalCacheRepository(db),
    }),
  },
});
