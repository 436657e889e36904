// The agent domain on Postgres.
import type { PostgresBackend } from '../../domain.js';
import type { AgentRepositories } from '../repository.js';
import { createPostgresAgentApprovalRepository } from './approvals.js';
import { agentPostgresMigrations } from './migrations.js';
import { createPostgresAgentRunRepository } from './runs.js';
import { createPostgresAgentTenantRepository } from './tenants.js';
import { createPostgresAgentToolCallRepository } from './tool-calls.js';

export const agentPostgres: PostgresBackend<AgentRepositories> = {
  migrations: agentPostgresMigrations,
  create: (db) => ({
    agentRuns: createPostgresAgentRunRepository(db),
    agentToolCalls: createPostgresAgentToolCallRepository(db),
    agentApprovals: createPostgresAgentApprovalRepository(db),
    agentTenants: createPostgresAgentTenantRepository(db),
  }),
};
