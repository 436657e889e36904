// Records of the eval domain: runs and their per-example results.

export type EvalRunStatus = 'running' | 'completed' | 'failed';

export interface EvalRunRecord {
  runId: string;
  name: string;
  target: string;
  status: EvalRunStatus;
  config: Record<string, unknown>;
  summary: Record<string, unknown> | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface EvalResultRecord {
  runId: string;
  exampleId: string;
  trial: number;
  status: 'ok' | 'error';
  input: unknown;
  /** The target's whole output (text, trajectory, usage, metadata). */
  output: unknown;
  /** Scorer name → { score, pass, reason, details }. */
  scores: Record<string, unknown>;
  latencyMs: number;
  cost: number;
  error: string | null;
  cached: boolean;
  createdAt: number;
}
