// The agent domain's schema on Postgres, with the ids of its SQLite migrations. `seq` orders rows
// created in the same millisecond (SQLite uses its rowid).
import type { PostgresMigration } from '../../postgres-migration.js';

export const agentPostgresMigrations: readonly PostgresMigration[] = [
  {
    id: 100,
    name: 'agent: runs with checkpoints, tool-call records, approvals',
    up: `
      CREATE TABLE agent_runs (
        id TEXT PRIMARY KEY,
        parent_run_id TEXT,
        agent_name TEXT NOT NULL,
        task TEXT NOT NULL,
        model TEXT NOT NULL,
        status TEXT NOT NULL,
        stop_reason TEXT,
        final_text TEXT,
        trace_id TEXT,
        step_count BIGINT NOT NULL DEFAULT 0,
        input_tokens BIGINT NOT NULL DEFAULT 0,
        output_tokens BIGINT NOT NULL DEFAULT 0,
        cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
        checkpoint TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX agent_runs_created ON agent_runs (created_at);
      CREATE INDEX agent_runs_status ON agent_runs (status);
      CREATE TABLE agent_tool_calls (
        run_id TEXT NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
        call_id TEXT NOT NULL,
        step BIGINT NOT NULL,
        tool_name TEXT NOT NULL,
        input TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        output TEXT NOT NULL,
        is_error BIGINT NOT NULL,
        started_at DOUBLE PRECISION NOT NULL,
        ended_at DOUBLE PRECISION NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (run_id, call_id)
      );
      CREATE TABLE agent_approvals (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
        call_id TEXT NOT NULL,
        tool_name TEXT NOT NULL,
        input TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        decided_by TEXT,
        created_at TEXT NOT NULL,
        decided_at TEXT,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        UNIQUE (run_id, call_id)
      );
      CREATE INDEX agent_approvals_status ON agent_approvals (status);
    `,
  },
  {
    id: 101,
    name: 'agent: the tenant owning each run',
    up: `
      CREATE TABLE agent_run_tenants (
        run_id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL
      );
      CREATE INDEX agent_run_tenants_tenant ON agent_run_tenants (tenant, run_id);
    `,
  },
  {
    id: 110,
    name: 'agent: checkpoint entries appended per step',
    up: `
      CREATE TABLE agent_checkpoint_entries (
        run_id TEXT NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
        position BIGINT NOT NULL,
        entry TEXT NOT NULL,
        step_count BIGINT,
        input_tokens BIGINT,
        output_tokens BIGINT,
        cost_usd DOUBLE PRECISION,
        written_at TEXT NOT NULL,
        PRIMARY KEY (run_id, position)
      );
    `,
  },
];
