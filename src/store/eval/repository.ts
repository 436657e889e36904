// The eval domain's repositories: runs with their per-example results (a run resumes by skipping the
// results already stored), and cached target outputs keyed by a hash of (target, input, trial seed).
import type { EvalResultRecord, EvalRunRecord, EvalRunStatus } from './types.js';

export interface EvalRunRepository {
  createRun(run: Omit<EvalRunRecord, 'summary' | 'finishedAt' | 'status'>): Promise<void>;
  finishRun(
    runId: string,
    update: { status: EvalRunStatus; summary: Record<string, unknown> },
  ): Promise<void>;
  getRun(runId: string): Promise<EvalRunRecord | undefined>;
  listRuns(options?: { limit?: number }): Promise<EvalRunRecord[]>;
  saveResult(result: EvalResultRecord): Promise<void>;
  listResults(runId: string): Promise<EvalResultRecord[]>;
}

export interface EvalCacheRepository {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, output: unknown): Promise<void>;
  clear(): Promise<number>;
}

/** What the eval domain adds to the Store. */
export interface EvalRepositories {
  readonly evalRuns: EvalRunRepository;
  readonly evalCache: EvalCacheRepository;
}
