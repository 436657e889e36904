// The gateway domain: API keys with their limits, usage rows and per-key daily totals.
import { defineStoreDomain } from '../domain.js';
import { createSqliteGatewayKeyRepository, type GatewayKeyRepository } from '../gateway-key-repository.js';
import {
  createSqliteGatewayUsageRepository,
  type GatewayUsageRepository,
} from '../gateway-usage-repository.js';
import { gatewayMigration } from '../migrations/0300-gateway.js';
import { gatewayUsageDailyMigration } from '../migrations/0301-gateway-usage-daily.js';
import { gatewayPostgres } from './postgres/index.js';

export interface GatewayRepositories {
  readonly gatewayKeys: GatewayKeyRepository;
  readonly gatewayUsage: GatewayUsageRepository;
}

export const gatewayDomain = defineStoreDomain({
  name: 'gateway',
  migrationIds: [300, 399],
  sqlite: {
    migrations: [gatewayMigration, gatewayUsageDailyMigration],
    create: (db): GatewayRepositories => ({
      gatewayKeys: createSqliteGatewayKeyRepository(db),
      gatewayUsage: createSqliteGatewayUsageRepository(db),
    }),
  },
  postgres: gatewayPostgres,
});
