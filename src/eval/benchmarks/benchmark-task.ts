// The common shape of a task read from a GAIA, WebArena or AgentBench file, and how it becomes an eval
// example: the prompt is the input; the format's reference data rides in vars for the scorer.
import type { EvalExample, Score } from '../types.js';

export type BenchmarkFormat = 'gaia' | 'webarena' | 'agentbench';
export const benchmarkFormats: readonly BenchmarkFormat[] = ['gaia', 'webarena', 'agentbench'];

export interface BenchmarkTask {
  format: BenchmarkFormat;
  id: string;
  /** What the agent is asked. */
  prompt: string;
  /** Where the task is in its file ("line 3", "task 2"). */
  location: string;
  /** The format's own reference data, read by its scorer. */
  reference: Record<string, unknown>;
}

export function benchmarkExamples(tasks: readonly BenchmarkTask[]): EvalExample[] {
  return tasks.map((task) => ({
    id: task.id,
    input: task.prompt,
    vars: { benchmark: task.format, location: task.location, reference: task.reference },
  }));
}

/** A result the official scorer could not decide offline (no judge model, no page, no container). */
export function unscored(reason: string, details: Record<string, unknown> = {}): Score {
  return { score: 0, pass: false, reason: `unscored: ${reason}`, details: { ...details, unscored: true } };
}

export const isUnscored = (score: { details?: Record<string, unknown> } | undefined) =>
  score?.details?.unscored === true;
