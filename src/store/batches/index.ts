// The batches domain: files and batch jobs of the gateway's /v1/files and /v1/batches.
import { defineStoreDomain } from '../domain.js';
import { batchesMigrations } from './migrations/index.js';
import { batchesPostgres } from './postgres/index.js';
import type { BatchesRepositories } from './repository.js';
import { createSqliteGatewayBatchRepository } from './sqlite/batches.js';
import { createSqliteGatewayFileRepository } from './sqlite/files.js';

export type { BatchesRepositories, GatewayBatchRepository, GatewayFileRepository } from './repository.js';
export type {
  BatchCounts,
  BatchItemRecord,
  BatchItemStatus,
  BatchRecord,
  BatchStatus,
  StoredFileRecord,
} from './types.js';

export const batchesDomain = defineStoreDomain({
  name: 'batches',
  migrationIds: [880, 899],
  sqlite: {
    migrations: batchesMigrations,
    create: (db): BatchesRepositories => ({
      gatewayFiles: createSqliteGatewayFileRepository(db),
      gatewayBatches: createSqliteGatewayBatchRepository(db),
    }),
  },
  postgres: batchesPostgres,
});
