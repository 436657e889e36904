// Every migration, in one list. Add yours in your subsystem's id range (see ../migration.ts).

import { memoryMigration } from '../memory/0600-memory.js';
import type { Migration } from '../migration.js';
import { coreMigration } from './0001-core.js';
import { spansByTraceMigration } from './0002-spans-by-trace.js';
import { agentMigration } from './0100-agent.js';
import { ragMigration } from './0200-rag.js';
import { ragGenerationMigration } from './0201-rag-generation.js';
import { gatewayMigration } from './0300-gateway.js';
import { gatewayUsageDailyMigration } from './0301-gateway-usage-daily.js';
import { guardMigration } from './0400-guard.js';
import { evalMigration } from './0500-eval.js';

export const migrations: readonly Migration[] = [
  coreMigration,
  spansByTraceMigration,
  agentMigration,
  ragMigration,
  ragGenerationMigration,
  gatewayMigration,
  gatewayUsageDailyMigration,
  guardMigration,
  evalMigration,
  memoryMigration,
];
