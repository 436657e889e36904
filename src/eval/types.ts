// The shapes every part of the eval framework shares: an example, what a target returns, a score.

/** One row of a dataset. `input` feeds the target; `expected` and the rest feed the scorers. */
export interface EvalExample {
  id: string;
  input: unknown;
  expected?: unknown;
  /** Any other columns (template variables, required sources, goal attributes...). */
  vars?: Record<string, unknown>;
}

export interface ToolCallRecord {
  toolName: string;
  input: unknown;
  output?: unknown;
}

/** One step of an agent's trajectory, recorded for scoring and for the report. */
export interface TrajectoryStep {
  kind: 'thought' | 'tool-call' | 'observation' | 'answer';
  text?: string;
  toolCall?: ToolCallRecord;
  at?: number;
}

export interface TargetUsage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface TargetOutput {
  output: string;
  trajectory?: TrajectoryStep[];
  usage?: TargetUsage;
  /** Dollars. */
  cost?: number;
  /** Environment-specific facts (the web shop's purchased product...). */
  metadata?: Record<string, unknown>;
}

export interface TargetContext {
  example: EvalExample;
  /** 0-based repeat index (k repeats). */
  trial: number;
  seed: number;
  signal: AbortSignal;
}

/** Anything an eval can run: a model, an agent, an HTTP endpoint, a command. */
export interface Target {
  readonly name: string;
  /**
   * What identifies this target's behaviour for the output cache (prompt, settings, script contents).
   * Without it only the name counts, so a changed target could be served stale cached outputs.
   */
  readonly fingerprint?: string;
  run(input: unknown, context: TargetContext): Promise<TargetOutput>;
}

export interface Score {
  /** 0..1 (BLEU is reported on sacrebleu's 0..100 scale in details, normalised here). */
  score: number;
  pass?: boolean;
  reason?: string;
  details?: Record<string, unknown>;
}

export interface ScorerContext {
  latencyMs: number;
  signal?: AbortSignal;
}

/** `(example, output, context) => { score, pass?, reason? }` */
export interface Scorer {
  readonly name: string;
  /** Scores at or above this pass when the scorer sets no `pass` itself. */
  readonly threshold?: number;
  score(example: EvalExample, output: TargetOutput, context: ScorerContext): Promise<Score> | Score;
}
