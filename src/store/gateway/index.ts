// The gateway domain: API keys with their limits, usage rows and per-key daily totals.
import { defineStoreDomain } from '../domain.js';
import { gatewayMigrations } from './migrations/index.js';
import { gatewayPostgres } from './postgres/index.js';
import type { GatewayRepositories } from './repository.js';
import { createSqliteGatewayKeyGrantRepository } from './sqlite/grants.js';
import { createSqliteGatewayKeyRepository } from './sqlite/keys.js';
import { createSqliteGatewayUsageRepository } from './sqlite/usage.js';

export type {
  GatewayKeyGrantRepository,
  GatewayKeyRepository,
  GatewayRepositories,
  GatewayUsageRepository,
  KeyGrant,
} from './repository.js';
export { createSqliteGatewayKeyGrantRepository } from './sqlite/grants.js';
export { createSqliteGatewayKeyRepository } from './sqlite/keys.js';
export { createSqliteGatewayUsageRepository } from './sqlite/usage.js';
export type {
  GatewayKeyLimits,
  GatewayKeyRecord,
  GatewayUsageEndpoint,
  GatewayUsageRecord,
  GatewayUsageSpan,
  GatewayUsageTotals,
} from './types.js';
export { gatewayOperation, gatewaySpanName } from './usage-span.js';

export const gatewayDomain = defineStoreDomain({
  name: 'gateway',
  migrationIds: [300, 399],
  sqlite: {
    migrations: gatewayMigrations,
    create: (db): GatewayRepositories => ({
      gatewayKeys: createSqliteGatewayKeyRepository(db),
      gatewayUsage: createSqliteGatewayUsageRepository(db),
      gatewayKeyGrants: createSqliteGatewayKeyGrantRepository(db),
    }),
  },
  postgres: gatewayPostgres,
});
