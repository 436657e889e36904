// The agent_runs row and its record: the same on SQLite and Postgres.
import type { AgentRunRecord, AgentRunStatus } from './types.js';

export interface RunRow {
  id: string;
  parent_run_id: string | null;
  agent_name: string;
  task: string;
  model: string;
  status: AgentRunStatus;
  stop_reason: string | null;
  final_text: string | null;
  trace_id: string | null;
  step_count: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  created_at: string;
  updated_at: string;
}

export function rowToRun(row: RunRow): AgentRunRecord {
  return {
    id: row.id,
    parentRunId: row.parent_run_id,
    agentName: row.agent_name,
    task: row.task,
    model: row.model,
    status: row.status,
    stopReason: row.stop_reason,
    finalText: row.final_text,
    traceId: row.trace_id,
    stepCount: row.step_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
