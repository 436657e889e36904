// The gateway domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { GatewayRepositories } from '../repository.js';
import { createPostgresGatewayKeyGrantRepository } from './grants.js';
import { createPostgresGatewayKeyRepository } from './keys.js';
import { gatewayPostgresMigrations } from './migrations.js';
import { createPostgresGatewayUsageRepository } from './usage.js';

export const gatewayPostgres: PostgresBackend<GatewayRepositories> = {
  migrations: gatewayPostgresMigrations,
  create: (db) => ({
    gatewayKeys: createPostgresGatewayKeyRepository(db),
    gatewayUsage: createPostgresGatewayUsageRepository(db),
    gatewayKeyGrants: createPostgresGatewayKeyGrantRepository(db),
  }),
};
