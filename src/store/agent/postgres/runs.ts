// Agent runs on Postgres: one row per run with its latest checkpoint as JSON text. Each update is one
// statement, so concurrent updates of different fields from two processes never undo each other.
import type { PostgresDatabase } from '../../postgres-database.js';
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
      const keys = (Object.keys(update) as (keyof AgentRunUpdate)[]).filter(
        (key) => update[key] !== undefined && key in columns,
      );
      const values: unknown[] = keys.map((key) =>
        key === 'checkpoint' ? JSON.stringify(update.checkpoint) : update[key],
      );
      const sets = keys.map((key, index) => `${columns[key]} = $${index + 1}`);
      sets.push(`updated_at = $${keys.length + 1}`);
      await db.query(`UPDATE agent_runs SET ${sets.join(', ')} WHERE id = $${keys.length + 2}`, [
        ...values,
        new Date().toISOString(),
        id,
      ]);
    },
    async getRun(id) {
      const [row] = await db.query<RunRow>(`SELECT ${runColumns} FROM agent_runs WHERE id = $1`, [id]);
      return row ? rowToRun(row) : undefined;
    },
    async getCheckpoint(id) {
      const [row] = await db.query<{ checkpoint: string | null }>(
        'SELECT checkpoint FROM agent_runs WHERE id = $1',
        [id],
      );
      return row?.checkpoint ? JSON.parse(row.checkpoint) : undefined;
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
