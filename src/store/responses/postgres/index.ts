// The responses domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { ResponsesRepositories } from '../repository.js';
import { responsesPostgresMigrations } from './migrations.js';
import { createPostgresGatewayResponseRepository } from './responses.js';

export const responsesPostgres: PostgresBackend<ResponsesRepositories> = {
  migrations: responsesPostgresMigrations,
  create: (db) => ({ gatewayResponses: createPostgresGatewayResponseRepository(db) }),
};
