// Agent runs on SQLite: one row per run, with its latest checkpoint as JSON text.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { AgentRunRepository } from '../repository.js';
import { type RunRow, rowToRun } from '../rows.js';
import type { AgentRunUpdate } from '../types.js';

const columns: Record<Exclude<keyof AgentRunUpdate, 'checkpoint'>, string> = {
  status: 'status',
  stopReason: 'stop_reason',
  finalText: 'final_text',
  traceId: 'trace_id',
  stepCount: 'step_count',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  costUsd: 'cost_usd',
};

export function createSqliteAgentRunRepository(db: SqliteDatabase): AgentRunRepository {
  const insert = db.prepare(`INSERT INTO agent_runs
    (id, parent_run_id, agent_name, task, model, status, trace_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`);
  const selectOne = db.prepare('SELECT * FROM agent_runs WHERE id = ?');
  const selectCheckpoint = db.prepare('SELECT checkpoint FROM agent_runs WHERE id = ?');
  const selectRecent = db.prepare('SELECT * FROM agent_runs ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const selectByStatus = db.prepare(
    'SELECT * FROM agent_runs WHERE status = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
  );
  const updates = new Map<string, { run(...parameters: unknown[]): unknown }>();

  return {
    async createRun(run) {
      const now = new Date().toISOString();
      insert.run(
        run.id,
        run.parentRunId ?? null,
        run.agentName,
        run.task,
        run.model,
        run.traceId ?? null,
        now,
        now,
      );
    },
    async updateRun(id, update) {
      const keys = (Object.keys(update) as (keyof AgentRunUpdate)[]).filter(
        (key) => update[key] !== undefined,
      );
      // One prepared statement per distinct set of columns: the loop updates the same set every step.
      const signature = keys.join(',');
      let statement = updates.get(signature);
      if (!statement) {
        const sets = keys.map((key) => `${key === 'checkpoint' ? 'checkpoint' : columns[key]} = ?`);
        statement = db.prepare(
          `UPDATE agent_runs SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`,
        );
        updates.set(signature, statement);
      }
      const values: unknown[] = keys.map((key) =>
        key === 'checkpoint' ? JSON.stringify(update.checkpoint) : update[key],
      );
      statement.run(...values, new Date().toISOString(), id);
    },
    async getRun(id) {
      const row = selectOne.get(id) as RunRow | undefined;
      return row ? rowToRun(row) : undefined;
    },
    async getCheckpoint(id) {
      const row = selectCheckpoint.get(id) as { checkpoint: string | null } | undefined;
      return row?.checkpoint ? JSON.parse(row.checkpoint) : undefined;
    },
    async listRuns({ limit = 20, status } = {}) {
      const rows = (status ? selectByStatus.all(status, limit) : selectRecent.all(limit)) as RunRow[];
      return rows.map(rowToRun);
    },
  };
}
