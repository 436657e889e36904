// The agent domain's migrations (ids 100–199). A migration that has shipped never changes: add a new
// file with the next id.
import type { Migration } from '../../migration.js';
import { agentMigration } from './0100-agent.js';
import { agentRunTenantsMigration } from './0101-agent-run-tenants.js';
import { agentCheckpointEntriesMigration } from './0110-agent-checkpoint-entries.js';

export const agentMigrations: readonly Migration[] = [
  agentMigration,
  agentRunTenantsMigration,
  agentCheckpointEntriesMigration,
];
