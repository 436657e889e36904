// The trace domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { TraceRepositories } from '../repository.js';
import { tracePostgresMigrations } from './migrations.js';
import { createPostgresSpanRepository } from './spans.js';

export const tracePostgres: PostgresBackend<TraceRepositories> = {
  migrations: tracePostgresMigrations,
  create: (db) => ({ spans: createPostgresSpanRepository(db) }),
};
