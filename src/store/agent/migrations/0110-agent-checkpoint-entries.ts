import type { Migration } from '../../migration.js';

// Checkpoints written step by step: each write appends what changed (new messages, counters) as one
// row, instead of rewriting the whole state in agent_runs.checkpoint, which stays the base the entries
// apply to. Runs checkpointed whole before this migration are read as they are (no entries). The
// entry also carries the run's progress (steps, tokens, cost), read by getRun from the latest entry,
// so that a step writes this one row and not the run's too. WITHOUT ROWID: a run's entries sit
// together in one B-tree, so an append usually writes one page.
export const agentCheckpointEntriesMigration: Migration = {
  id: 110,
  name: 'agent: checkpoint entries appended per step',
  up: `
    CREATE TABLE agent_checkpoint_entries (
      run_id TEXT NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      entry TEXT NOT NULL,
      step_count INTEGER,
      input_tokens INTEGER,
      output_tokens INTEGER,
      cost_usd REAL,
      written_at TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    ) WITHOUT ROWID;
  `,
};
