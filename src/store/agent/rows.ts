// The agent_runs row and its record: the same on SQLite and Postgres.
import type { AgentRunRecord, AgentRunStatus, AgentRunUpdate } from './types.js';

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
  /** Progress carried by the run's latest checkpoint entry (null without one): newer than the run's. */
  live_step_count?: number | null;
  live_input_tokens?: number | null;
  live_output_tokens?: number | null;
  live_cost_usd?: number | null;
  live_written_at?: string | null;
}

/**
 * The run's columns with the progress of its latest checkpoint entry (migration 110), in `SELECT`s
 * over `agent_runs r`: the same SQL on both backends.
 */
export const runWithProgress = `r.id, r.parent_run_id, r.agent_name, r.task, r.model, r.status, r.stop_reason,
  r.final_text, r.trace_id, r.step_count, r.input_tokens, r.output_tokens, r.cost_usd, r.created_at,
  r.updated_at, e.step_count AS live_step_count, e.input_tokens AS live_input_tokens,
  e.output_tokens AS live_output_tokens, e.cost_usd AS live_cost_usd, e.written_at AS live_written_at
  FROM agent_runs r LEFT JOIN agent_checkpoint_entries e ON e.run_id = r.id
    AND e.position = (SELECT max(position) FROM agent_checkpoint_entries WHERE run_id = r.id)`;

/** The run fields an entry carries instead of the run's row, with their columns. */
export const progressColumns = {
  stepCount: 'step_count',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  costUsd: 'cost_usd',
} as const;

/** Whether an entry's update changes more than the progress (then the run's row is written too). */
export function changesMoreThanProgress(update: AgentRunUpdate): boolean {
  return Object.entries(update).some(([key, value]) => value !== undefined && !(key in progressColumns));
}

/** The progress columns an update sets (the latest entry's are cleared, so that the run's show). */
export function progressColumnsOf(update: AgentRunUpdate): string[] {
  return (Object.keys(progressColumns) as (keyof typeof progressColumns)[])
    .filter((key) => update[key] !== undefined)
    .map((key) => progressColumns[key]);
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
    stepCount: row.live_step_count ?? row.step_count,
    inputTokens: row.live_input_tokens ?? row.input_tokens,
    outputTokens: row.live_output_tokens ?? row.output_tokens,
    costUsd: row.live_cost_usd ?? row.cost_usd,
    createdAt: row.created_at,
    updatedAt:
      row.live_written_at && row.live_written_at > row.updated_at ? row.live_written_at : row.updated_at,
  };
}
