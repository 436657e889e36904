import type { Migration } from '../../migration.js';

// The tenant that owns each agent run (and through it, the run's approvals). A table of its own so
// that the runs table and the agent loop need no change; a run without a row belongs to 'default'.
export const agentRunTenantsMigration: Migration = {
  id: 101,
  name: 'agent: the tenant owning each run',
  up: `
    CREATE TABLE agent_run_tenants (
      run_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX agent_run_tenants_tenant ON agent_run_tenants (tenant, run_id);
  `,
};
