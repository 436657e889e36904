// Agent runs on Postgres: one row per run; its checkpoint is the whole state in agent_runs.checkpoint
// plus the entries appended since in agent_checkpoint_entries. Each write is one statement (data-
// modifying CTEs), so it is atomic in one round trip, and concurrent updates of different fields from
// two processes never undo each other.
import type { PostgresDatabase } from '../../postgres-database.js';
import { type CheckpointPartRow, rowsToCheckpoint } from '../checkpoint-entries.js';
import type { AgentRunRepository } from '../repository.js';
import { type RunRow, rowToRun } from '../rows.js';
import type { AgentRunUpdate } from '../types.js';

const columns: Record<keyof AgentRunUpdate, string> = {
  status: 'status',
  stopReason: 'stop_reason',
  finalText: 'final_text',
  traceId: 'trace_id',
  stepCount: 'step_count',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  costUsd: 'cost_usd',
  checkpoint: 'checkpoint',
};

const runColumns = `id, parent_run_id, agent_name, task, model, status, stop_reason, final_text, trace_id,
  step_count, input_tokens, output_tokens, cost_usd, created_at, updated_at`;

/** `UPDATE agent_runs SET ...` for the given fields, its values numbered after `offset` others. */
function updateStatement(update: AgentRunUpdate, offset: number): { sql: string; values: unknown[] } {
  const keys = (Object.keys(update) as (keyof AgentRunUpdate)[]).filter(
    (key) => update[key] !== undefined && key in columns,
  );
  const values: unknown[] = keys.map((key) =>
    key === 'checkpoint' ? JSON.stringify(update.checkpoint) : update[key],
  );
  const sets = keys.map((key, index) => `${columns[key]} = $${offset + index + 1}`);
  sets.push(`updated_at = $${offset + keys.length + 1}`);
  values.push(new Date().toISOString());
  return { sql: `UPDATE agent_runs SET ${sets.join(', ')} WHERE id = $1`, values };
}

export function createPostgresAgentRunRepository(db: PostgresDatabase): AgentRunRepository {
  return {
    async createRun(run) {
      const now = new Date().toISOString();
      await db.query(
        `INSERT INTO agent_runs (id, parent_run_id, agent_name, task, model, status, trace_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $7)`,
        [run.id, run.parentRunId ?? null, run.agentName, run.task, run.model, run.traceId ?? null, now],
      );
    },
    async updateRun(id, update) {
      const { sql, values } = updateStatement(update, 1);
      // A whole checkpoint replaces the entries appended before it, in the same statement.
      const statement =
        update.checkpoint === undefined
          ? sql
          : `WITH replaced AS (DELETE FROM agent_checkpoint_entries WHERE run_id = $1) ${sql}`;
      await db.query(statement, [id, ...values]);
    },
    async appendCheckpoint(id, entry, update = {}) {
      const { sql, values } = updateStatement(update, 2);
      await db.query(
        `WITH appended AS (
           INSERT INTO agent_checkpoint_entries (run_id, position, entry)
           SELECT $1, coalesce(max(position), 0) + 1, $2 FROM agent_checkpoint_entries WHERE run_id = $1)
         ${sql}`,
        [id, JSON.stringify(entry), ...values],
      );
    },
    async getRun(id) {
      const [row] = await db.query<RunRow>(`SELECT ${runColumns} FROM agent_runs WHERE id = $1`, [id]);
      return row ? rowToRun(row) : undefined;
    },
    async getCheckpoint(id) {
      // One statement, so one snapshot: a whole checkpoint written meanwhile never mixes with old entries.
      const rows = await db.query<CheckpointPartRow>(
        `SELECT 0 AS position, checkpoint AS body FROM agent_runs WHERE id = $1
         UNION ALL SELECT position, entry FROM agent_checkpoint_entries WHERE run_id = $1
         ORDER BY position`,
        [id],
      );
      return rowsToCheckpoint(rows) as never;
    },
    async listRuns({ limit = 20, status } = {}) {
      const rows = status
        ? await db.query<RunRow>(
            `SELECT ${runColumns} FROM agent_runs WHERE status = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
            [status, limit],
          )
        : await db.query<RunRow>(
            `SELECT ${runColumns} FROM agent_runs ORDER BY created_at DESC, seq DESC LIMIT $1`,
            [limit],
          );
      return rows.map(rowToRun);
    },
  };
}
