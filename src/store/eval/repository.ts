// The eval domain's repositories: runs with their per-example results (a run resumes by skipping the
// results already stored), and cached target outputs keyed by a hash of (target, input, trial seed).
import type { EvalResultRecord, EvalRunRecord, EvalRunStatus } from './types.js';

export interface EvalRunRepository {
  createRun<Config extends object = Record<string, unknown>>(
    run: Omit<EvalRunRecord<never, Config>, 'summary' | 'finishedAt' | 'status'>,
  ): Promise<void>;
  finishRun<Summary extends object = Record<string, unknown>>(
    runId: string,
    update: { status: EvalRunStatus; summary: Summary },
  ): Promise<void>;
  /** The type arguments name the JSON payloads' types, as the writer stored them (not checked). */
  getRun<Summary = Record<string, unknown>, Config = Record<string, unknown>>(
    runId: string,
  ): Promise<EvalRunRecord<Summary, Config> | undefined>;
  listRuns<Summary = Record<string, unknown>, Config = Record<string, unknown>>(options?: {
    limit?: number;
  }): Promise<EvalRunRecord<Summary, Config>[]>;
  saveResult<Output = unknown, Score = unknown>(result: EvalResultRecord<Output, Score>): Promise<void>;
  listResults<Output = unknown, Score = unknown>(runId: string): Promise<EvalResultRecord<Output, Score>[]>;
}

export interface EvalCacheRepository {
  /** The type argument names the cached value's type, as the writer stored it (not checked). */
  get<Cached = unknown>(key: string): Promise<Cached | undefined>;
  set(key: string, output: unknown): Promise<void>;
  clear(): Promise<number>;
}

/** What the eval domain adds to the Store. */
export interface EvalRepositories {
  readonly evalRuns: EvalRunRepository;
  readonly evalCache: EvalCacheRepository;
}
