// Records of the agent domain: runs (with their checkpoint), completed tool calls, approvals.

/** 'failed' and 'aborted' runs keep their checkpoint and can be resumed. */
export type AgentRunStatus = 'running' | 'awaiting-approval' | 'completed' | 'failed' | 'aborted';

export interface AgentRunRecord {
  id: string;
  parentRunId: string | null;
  agentName: string;
  task: string;
  model: string;
  status: AgentRunStatus;
  stopReason: string | null;
  finalText: string | null;
  traceId: string | null;
  stepCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgentRunUpdate {
  status?: AgentRunStatus;
  stopReason?: string | null;
  finalText?: string | null;
  traceId?: string | null;
  stepCount?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /**
   * The loop state as JSON-serialisable data: replaces the previous checkpoint, and the entries
   * appended to it since (`appendCheckpoint`).
   */
  checkpoint?: unknown;
}

/**
 * What one checkpoint write adds to a run's stored checkpoint instead of rewriting it: items appended
 * to top-level arrays and top-level fields replaced. Reading the checkpoint applies the entries, in
 * the order they were appended, to the last whole checkpoint (an object; `{}` when there is none).
 */
export interface AgentCheckpointEntry {
  /** Items added at the end of top-level array fields (a missing field starts as an empty array). */
  append?: Record<string, readonly unknown[]>;
  /** Top-level fields replaced; a field set to null is removed (a JSON merge patch, one level deep). */
  set?: Record<string, unknown>;
}

export interface AgentToolCallRecord {
  runId: string;
  callId: string;
  step: number;
  toolName: string;
  input: unknown;
  inputHash: string;
  /** The result (or error message) exactly as the model was shown it. */
  output: unknown;
  isError: boolean;
  startedAt: number;
  endedAt: number;
}

export type AgentApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface AgentApprovalRecord {
  id: string;
  runId: string;
  callId: string;
  toolName: string;
  input: unknown;
  inputHash: string;
  status: AgentApprovalStatus;
  reason: string | null;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}
