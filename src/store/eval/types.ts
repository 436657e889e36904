// Records of the eval domain: runs and their per-example results.

export type EvalRunStatus = 'running' | 'completed' | 'failed';

/**
 * A run. `Summary` and `Config` are the types of its JSON payloads, named by the caller that wrote them
 * (the eval runner's RunSummary and eval-file settings); the store keeps them as JSON and does not check them.
 */
export interface EvalRunRecord<Summary = Record<string, unknown>, Config = Record<string, unknown>> {
  runId: string;
  name: string;
  target: string;
  status: EvalRunStatus;
  config: Config;
  summary: Summary | null;
  startedAt: number;
  finishedAt: number | null;
}

/** One example's result. `Output` and `Score` are the JSON payloads' types, named by the caller. */
export interface EvalResultRecord<Output = unknown, Score = unknown> {
  runId: string;
  exampleId: string;
  trial: number;
  status: 'ok' | 'error';
  input: unknown;
  /** The target's whole output (text, trajectory, usage, metadata). */
  output: Output | null;
  /** Scorer name → { score, pass, reason, details }. */
  scores: Record<string, Score>;
  latencyMs: number;
  cost: number;
  error: string | null;
  cached: boolean;
  createdAt: number;
}
