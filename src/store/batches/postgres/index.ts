// The batches domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { BatchesRepositories } from '../repository.js';
import { createPostgresGatewayBatchRepository } from './batches.js';
import { createPostgresGatewayFileRepository } from './files.js';
import { batchesPostgresMigrations } from './migrations.js';

export const batchesPostgres: PostgresBackend<BatchesRepositories> = {
  migrations: batchesPostgresMigrations,
  create: (db) => ({
    gatewayFiles: createPostgresGatewayFileRepository(db),
    gatewayBatches: createPostgresGatewayBatchRepository(db),
  }),
};
