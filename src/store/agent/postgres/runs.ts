// Agent runs on Postgres: one row per run; its checkpoint is the whole state in agent_runs.checkpoint
// plus the entries appended since in agent_checkpoint_entries. Each write is one statement (data-
// modifying CTEs), so it is atomic in one round trip, and concurrent updates of different fields from
// two processes never undo each other.
import type { PostgresDatabase } from '../../postgres-database.js';
import { type CheckpointPartRow, rowsToCheckpoint } from '../checkpoint-entries.js';
import type { AgentRunRepository } from '../repository.js';
import {
  changesMoreThanProgress,
  progressColumnsOf,
  type RunRow,
  rowToRun,
  runWithProgress,
} from '../rows.js';
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

/** The checkpoint entry's insert, its values numbered after `offset` others (the run id is $1). */
function entryStatement(entry: string, update: AgentRunUpdate, offset: number) {
  const n = (index: number) => `$${offset + index}`;
  return {
    sql: `INSERT INTO agent_checkpoint_entries
        (run_id, position, entry, step_count, input_tokens, output_tokens, cost_usd, written_at)
      SELECT $1, coalesce(max(position), 0) + 1, ${n(1)}, ${n(2)}::bigint, ${n(3)}::bigint, ${n(4)}::bigint,
        ${n(5)}::double precision, ${n(6)}
      FROM agent_checkpoint_entries WHERE run_id = $1`,
    values: [
      entry,
      update.stepCount ?? null,
      update.inputTokens ?? null,
      update.outputTokens ?? null,
      update.costUsd ?? null,
      new Date().toISOString(),
    ],
  };
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
      const cleared = progressColumnsOf(update);
      // A whole checkpoint replaces the entries appended before it; progress set on the run outdates
      // the latest entry's (which getRun would otherwise show). Either in the same statement.
      const statement =
        update.checkpoint !== undefined
          ? `WITH replaced AS (DELETE FROM agent_checkpoint_entries WHERE run_id = $1) ${sql}`
          : cleared.length > 0
            ? `WITH cleared AS (UPDATE agent_checkpoint_entries SET ${cleared.map((c) => `${c} = NULL`).join(', ')}
                 WHERE run_id = $1 AND position = (SELECT max(position) FROM agent_checkpoint_entries WHERE run_id = $1))
               ${sql}`
            : sql;
      await db.query(statement, [id, ...values]);
    },
    async appendCheckpoint(id, entry, update = {}) {
      // A step's usual write is the entry alone; with a status or an answer, the run's row too.
      const inserted = entryStatement(JSON.stringify(entry), update, 1);
      if (!changesMoreThanProgress(update)) {
        await db.query(inserted.sql, [id, ...inserted.values]);
        return;
      }
      const { sql, values } = updateStatement(update, 1 + inserted.values.length);
      await db.query(`WITH appended AS (${inserted.sql}) ${sql}`, [id, ...inserted.values, ...values]);
    },
    async getRun(id) {
      const [row] = await db.query<RunRow>(`SELECT ${runWithProgress} WHERE r.id = $1`, [id]);
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
            `SELECT ${runWithProgress} WHERE r.status = $1 ORDER BY r.created_at DESC, r.seq DESC LIMIT $2`,
            [status, limit],
          )
        : await db.query<RunRow>(
            `SELECT ${runWithProgress} ORDER BY r.created_at DESC, r.seq DESC LIMIT $1`,
            [limit],
          );
      return rows.map(rowToRun);
    },
  };
}
