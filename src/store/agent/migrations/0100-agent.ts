import type { Migration } from '../../migration.js';

export const agentMigration: Migration = {
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
      step_count INTEGER NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL NOT NULL DEFAULT 0,
      checkpoint TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX agent_runs_created ON agent_runs (created_at);
    CREATE INDEX agent_runs_status ON agent_runs (status);
    CREATE TABLE agent_tool_calls (
      run_id TEXT NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
      call_id TEXT NOT NULL,
      step INTEGER NOT NULL,
      tool_name TEXT NOT NULL,
      input TEXT NOT NULL,
      input_hash TEXT NOT NULL,
      output TEXT NOT NULL,
      is_error INTEGER NOT NULL,
      started_at REAL NOT NULL,
      ended_at REAL NOT NULL,
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
      UNIQUE (run_id, call_id)
    );
    CREATE INDEX agent_approvals_status ON agent_approvals (status);
  `,
};
