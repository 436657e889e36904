// The agent domain: runs with checkpoints (whole, then appended entries), completed tool calls, approvals.
import { defineStoreDomain } from '../domain.js';
import { agentMigrations } from './migrations/index.js';
import type { AgentRepositories } from './repository.js';
import { createSqliteAgentApprovalRepository } from './sqlite/approvals.js';
import { createSqliteAgentRunRepository } from './sqlite/runs.js';
import { createSqliteAgentTenantRepository } from './sqlite/tenants.js';
import { createSqliteAgentToolCallRepository } from './sqlite/tool-calls.js';

export type {
  AgentApprovalRepository,
  AgentRepositories,
  AgentRunRepository,
  AgentTenantRepository,
  AgentToolCallRepository,
} from './repository.js';
export { createSqliteAgentApprovalRepository } from './sqlite/approvals.js';
export { createSqliteAgentRunRepository } from './sqlite/runs.js';
export { createSqliteAgentTenantRepository } from './sqlite/tenants.js';
export { createSqliteAgentToolCallRepository } from './sqlite/tool-calls.js';
export type {
  AgentApprovalRecord,
  AgentApprovalStatus,
  AgentCheckpointEntry,
  AgentRunRecord,
  AgentRunStatus,
  AgentRunUpdate,
  AgentToolCallRecord,
} from './types.js';

import { agentPostgres } from './postgres/index.js';

export const agentDomain = defineStoreDomain({
  name: 'agent',
  migrationIds: [100, 199],
  sqlite: {
    migrations: agentMigrations,
    create: (db): AgentRepositories => ({
      agentRuns: createSqliteAgentRunRepository(db),
      agentToolCalls: createSqliteAgentToolCallRepository(db),
      agentApprovals: createSqliteAgentApprovalRepository(db),
      agentTenants: createSqliteAgentTenantRepository(db),
    }),
  },
  postgres: agentPostgres,
});
