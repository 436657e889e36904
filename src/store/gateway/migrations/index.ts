// The gateway domain's migrations (ids 300–399). A migration that has shipped never changes: add a new
// file with the next id.
import type { Migration } from '../../migration.js';
import { gatewayMigration } from './0300-gateway.js';
import { gatewayUsageDailyMigration } from './0301-gateway-usage-daily.js';
import { gatewayKeyGrantsMigration } from './0302-gateway-key-grants.js';
import { gatewayUsageCacheTokensMigration } from './0303-gateway-usage-cache-tokens.js';
import { gatewayUsageSpansMigration } from './0304-gateway-usage-spans.js';

export const gatewayMigrations: readonly Migration[] = [
  gatewayMigration,
  gatewayUsageDailyMigration,
  gatewayKeyGrantsMigration,
  gatewayUsageCacheTokensMigration,
  gatewayUsageSpansMigration,
];
