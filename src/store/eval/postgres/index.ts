// The eval domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { EvalRepositories } from '../repository.js';
import { createPostgresEvalCacheRepository } from './cache.js';
import { evalPostgresMigrations } from './migrations.js';
import { createPostgresEvalRunRepository } from './runs.js';

export const evalPostgres: PostgresBackend<EvalRepositories> = {
  migrations: evalPostgresMigrations,
  create: (db) => ({
    evalRuns: createPostgresEvalRunRepository(db),
    evalCache: createPostgresEvalCacheRepository(db),
  }),
};
