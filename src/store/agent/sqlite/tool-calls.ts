// Agent tool calls on SQLite: INSERT OR IGNORE keeps the first record of a (run, call).
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { AgentToolCallRepository } from '../repository.js';

interface Row {
  run_id: string;
  call_id: string;
  step: number;
  tool_name: string;
  input: string;
  input_hash: string;
  output: string;
  is_error: number;
  started_at: number;
  ended_at: number;
}

export function createSqliteAgentToolCallRepository(db: SqliteDatabase): AgentToolCallRepository {
  const insert = db.prepare(`INSERT OR IGNORE INTO agent_tool_calls
    (run_id, call_id, step, tool_name, input, input_hash, output, is_error, started_at, ended_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const select = db.prepare('SELECT * FROM agent_tool_calls WHERE run_id = ? ORDER BY started_at, rowid');
  return {
    async recordToolCall(r) {
      insert.run(
        r.runId,
        r.callId,
        r.step,
        r.toolName,
        JSON.stringify(r.input ?? null),
        r.inputHash,
        JSON.stringify(r.output ?? null),
        r.isError ? 1 : 0,
        r.startedAt,
        r.endedAt,
      );
    },
    async listToolCalls(runId) {
      return (select.all(runId) as Row[]).map((row) => ({
        runId: row.run_id,
        callId: row.call_id,
        step: row.step,
        toolName: row.tool_name,
        input: JSON.parse(row.input),
        inputHash: row.input_hash,
        output: JSON.parse(row.output),
        isError: row.is_error === 1,
        startedAt: row.started_at,
        endedAt: row.ended_at,
      }));
    },
  };
}
