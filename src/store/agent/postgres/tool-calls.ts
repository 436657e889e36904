// Completed tool calls on Postgres; recording the same (run, call) twice keeps the first.
import type { PostgresDatabase } from '../../postgres-database.js';
import type { AgentToolCallRepository } from '../repository.js';
import type { AgentToolCallRecord } from '../types.js';

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

export function createPostgresAgentToolCallRepository(db: PostgresDatabase): AgentToolCallRepository {
  return {
    async recordToolCall(r: AgentToolCallRecord) {
      await db.query(
        `INSERT INTO agent_tool_calls
          (run_id, call_id, step, tool_name, input, input_hash, output, is_error, started_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [
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
        ],
      );
    },
    async listToolCalls(runId) {
      const rows = await db.query<Row>(
        `SELECT run_id, call_id, step, tool_name, input, input_hash, output, is_error, started_at, ended_at
         FROM agent_tool_calls WHERE run_id = $1 ORDER BY started_at, seq`,
        [runId],
      );
      return rows.map((row) => ({
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
