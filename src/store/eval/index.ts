// The eval domain: eval runs with their per-example results, and the cache of target outputs.
import { defineStoreDomain } from '../domain.js';
import { createSqliteEvalCacheRepository, type EvalCacheRepository } from '../eval-cache-repository.js';
import { createSqliteEvalRunRepository, type EvalRunRepository } from '../eval-run-repository.js';
import { evalMigration } from '../migrations/0500-eval.js';
import { evalPostgres } from './postgres/index.js';

export interface EvalRepositories {
  readonly evalRuns: EvalRunRepository;
  readonly evalCache: EvalCacheRepository;
}

export const evalDomain = defineStoreDomain({
  name: 'eval',
  migrationIds: [500, 599],
  sqlite: {
    migrations: [evalMigration],
    create: (db): EvalRepositories => ({
      evalRuns: createSqliteEvalRunRepository(db),
      evalCache: createSqliteEvalCacheRepository(db),
    }),
  },
  postgres: evalPostgres,
});
