// The guard domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { GuardRepositories } from '../repository.js';
import { createPostgresGuardEventRepository } from './events.js';
import { guardPostgresMigrations } from './migrations.js';

export const guardPostgres: PostgresBackend<GuardRepositories> = {
  migrations: guardPostgresMigrations,
  create: (db) => ({ guardEvents: createPostgresGuardEventRepository(db) }),
};
