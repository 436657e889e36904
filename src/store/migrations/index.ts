// Every migration, in one list. Add yours in your subsystem's id range (see ../migration.ts).
import type { Migration } from '../migration.js';
import { coreMigration } from './0001-core.js';
import { spansByTraceMigration } from './0002-spans-by-trace.js';
import { agentMigration } from './0100-agent.js';
import { agentRunTenantsMigration } from './0101-agent-run-tenants.js';
import { ragMigration } from './0200-rag.js';
import { ragGenerationMigration } from './0201-rag-generation.js';
import { gatewayMigration } from './0300-gateway.js';
import { gatewayUsageDailyMigration } from './0301-gateway-usage-daily.js';
import { gatewayKeyGrantsMigration } from './0302-gateway-key-grants.js';
import { guardMigration } from './0400-guard.js';
import { evalMigration } from './0500-eval.js';

export const migrations: readonly Migration[] = [
  coreMigration,
  spansByTraceMigration,
  agentMigration,
  agentRunTenantsMigration,
  ragMigration,
  ragGenerationMigration,
  gatewayMigration,
  gatewayUsageDailyMigration,
  gatewayKeyGrantsMigration,
  guardMigration,
  evalMigration,
];
