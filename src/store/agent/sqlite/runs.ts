// Agent runs on SQLite: one row per run; its checkpoint is the whole state in agent_runs.checkpoint
// plus the entries appended since in agent_checkpoint_entries (migration 110).
import type { SqliteDatabase } from '../../sqlite-database.js';
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

type Statement = { run(...parameters: unknown[]): unknown };

export function createSqliteAgentRunRepository(db: SqliteDatabase): AgentRunRepository {
  const insert = db.prepare(`INSERT INTO agent_runs
    (id, parent_run_id, agent_name, task, model, status, trace_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`);
  const selectOne = db.prepare(`SELECT ${runWithProgress} WHERE r.id = ?`);
  // One statement, so one snapshot: a whole checkpoint written meanwhile never mixes with old entries.
  const selectCheckpoint = db.prepare(`SELECT 0 AS position, checkpoint AS body FROM agent_runs WHERE id = ?
    UNION ALL SELECT position, entry FROM agent_checkpoint_entries WHERE run_id = ? ORDER BY position`);
  const appendEntry = db.prepare(`INSERT INTO agent_checkpoint_entries
    (run_id, position, entry, step_count, input_tokens, output_tokens, cost_usd, written_at)
    SELECT @id, coalesce(max(position), 0) + 1, @entry, @stepCount, @inputTokens, @outputTokens, @costUsd, @now
    FROM agent_checkpoint_entries WHERE run_id = @id`);
  const deleteEntries = db.prepare('DELETE FROM agent_checkpoint_entries WHERE run_id = ?');
  const selectRecent = db.prepare(
    `SELECT ${runWithProgress} ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?`,
  );
  const selectByStatus = db.prepare(
    `SELECT ${runWithProgress} WHERE r.status = ? ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?`,
  );
  const updates = new Map<string, Statement>();
  const clearings = new Map<string, Statement>();

  /** Applies an update; one prepared statement per set of columns (the loop repeats the same set). */
  const applyUpdate = (id: string, update: AgentRunUpdate) => {
    const keys = (Object.keys(update) as (keyof AgentRunUpdate)[]).filter(
      (key) => update[key] !== undefined && key in columns,
    );
    const signature = keys.join(',');
    let statement = updates.get(signature);
    if (!statement) {
      const sets = keys.map((key) => `${columns[key]} = ?`);
      statement = db.prepare(`UPDATE agent_runs SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`);
      updates.set(signature, statement);
    }
    const values: unknown[] = keys.map((key) =>
      key === 'checkpoint' ? JSON.stringify(update.checkpoint) : update[key],
    );
    statement.run(...values, new Date().toISOString(), id);
  };
  // Progress set on the run outdates its latest entry's, which getRun would otherwise show.
  const updateWithProgress = db.transaction((id: string, update: AgentRunUpdate) => {
    applyUpdate(id, update);
    const cleared = progressColumnsOf(update);
    const key = cleared.join(',');
    let clear = clearings.get(key);
    if (!clear) {
      clear = db.prepare(`UPDATE agent_checkpoint_entries SET ${cleared.map((c) => `${c} = NULL`).join(', ')}
        WHERE run_id = ? AND position = (SELECT max(position) FROM agent_checkpoint_entries WHERE run_id = ?)`);
      clearings.set(key, clear);
    }
    clear.run(id, id);
  });

  // A whole checkpoint replaces the entries before it.
  const replaceCheckpoint = db.transaction((id: string, update: AgentRunUpdate) => {
    deleteEntries.run(id);
    applyUpdate(id, update);
  });
  const insertEntry = (id: string, entry: string, update: AgentRunUpdate) =>
    appendEntry.run({
      id,
      entry,
      stepCount: update.stepCount ?? null,
      inputTokens: update.inputTokens ?? null,
      outputTokens: update.outputTokens ?? null,
      costUsd: update.costUsd ?? null,
      now: new Date().toISOString(),
    });
  // The entry with the run's other changes (a status, the answer): both or neither.
  const appendWithRun = db.transaction((id: string, entry: string, update: AgentRunUpdate) => {
    insertEntry(id, entry, update);
    applyUpdate(id, update);
  });

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
      if (update.checkpoint !== undefined) replaceCheckpoint(id, update);
      else if (progressColumnsOf(update).length > 0) updateWithProgress(id, update);
      else applyUpdate(id, update);
    },
    async appendCheckpoint(id, entry, update = {}) {
      // A step's usual write: one row (one statement, so one transaction), the run's row untouched.
      if (changesMoreThanProgress(update)) appendWithRun(id, JSON.stringify(entry), update);
      else insertEntry(id, JSON.stringify(entry), update);
    },
    async getRun(id) {
      const row = selectOne.get(id) as RunRow | undefined;
      return row ? rowToRun(row) : undefined;
    },
    async getCheckpoint(id) {
      return rowsToCheckpoint(selectCheckpoint.all(id, id) as CheckpointPartRow[]) as never;
    },
    async listRuns({ limit = 20, status } = {}) {
      const rows = (status ? selectByStatus.all(status, limit) : selectRecent.all(limit)) as RunRow[];
      return rows.map(rowToRun);
    },
  };
}
