// The runner: every (example, trial) through the target under a concurrency limit, with retries, a
// per-example timeout, a cache of unchanged outputs, resumption of a stored run, and scoring.
import { randomUUID } from 'node:crypto';
import { GantryError } from '../../errors/index.js';
import type { Store } from '../../store/index.js';
import type { EvalExample, Score, Scorer, Target, TargetOutput } from '../types.js';
import { cacheKey } from './cache-key.js';
import {
  type ResultForSummary,
  type RunSummary,
  type StoredScore,
  summariseResults,
} from './summarise-results.js';
import { withTimeout } from './with-timeout.js';

export interface EvalResult extends ResultForSummary {
  input: unknown;
  output: TargetOutput | null;
  error: string | null;
  cached: boolean;
  scores: Record<string, StoredScore>;
}

export interface EvalProgress {
  done: number;
  total: number;
  errors: number;
  last?: EvalResult;
}

export interface RunEvalOptions {
  name?: string;
  target: Target;
  examples: readonly EvalExample[];
  scorers: readonly Scorer[];
  /** Persist runs, results and the output cache here; without it the run lives in memory only. */
  store?: Pick<Store, 'evalRuns' | 'evalCache'>;
  /** Reuse this run id: results already stored for it are kept and not run again. */
  runId?: string;
  concurrency?: number;
  /** Extra attempts after a failure. */
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Trials per example (for pass@k / pass^k). */
  repeat?: number;
  /** Base seed; trial t of an example gets seed + t. */
  seed?: number;
  /** Reuse cached outputs for unchanged (target, input, trial): true by default when a store is given. */
  cache?: boolean;
  /** Saved with the run (the eval file's settings) so that a report can show them. */
  config?: Record<string, unknown>;
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
}

export interface EvalRun {
  runId: string;
  name: string;
  target: string;
  results: EvalResult[];
  summary: RunSummary;
}

function passOf(scorer: Scorer, score: Score): boolean {
  return score.pass ?? score.score >= (scorer.threshold ?? 0.5);
}

async function scoreOutput(
  scorers: readonly Scorer[],
  example: EvalExample,
  output: TargetOutput,
  latencyMs: number,
  signal?: AbortSignal,
) {
  const scores: Record<string, StoredScore> = {};
  for (const scorer of scorers) {
    try {
      const s = await scorer.score(example, output, { latencyMs, signal });
      scores[scorer.name] = { score: s.score, pass: passOf(scorer, s), reason: s.reason, details: s.details };
    } catch (error) {
      // A scorer that cannot score this example fails it with the reason; bad configuration still stops the run.
      if (GantryError.isInstance(error) && error.exitCode === 2) throw error;
      scores[scorer.name] = { score: 0, pass: false, reason: `scorer error: ${(error as Error).message}` };
    }
  }
  return scores;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runEval(options: RunEvalOptions): Promise<EvalRun> {
  const {
    target,
    examples,
    scorers,
    store,
    concurrency = 4,
    retries = 2,
    retryDelayMs = 200,
    timeoutMs = 60_000,
    repeat = 1,
    seed = 0,
    cache = store !== undefined,
    signal,
    onProgress,
  } = options;
  const name = options.name ?? target.name;
  const runId = options.runId ?? randomUUID();
  const previous = new Map<string, EvalResult>();
  if (store) {
    if (options.runId) {
      for (const r of await store.evalRuns.listResults<TargetOutput, StoredScore>(runId)) {
        if (r.status === 'ok') previous.set(`${r.exampleId}\u0000${r.trial}`, r);
      }
    }
    await store.evalRuns.createRun({
      runId,
      name,
      target: target.name,
      config: options.config ?? {},
      startedAt: Date.now(),
    });
  }

  const jobs = examples.flatMap((example) =>
    Array.from({ length: repeat }, (_, trial) => ({ example, trial })),
  );
  const results: EvalResult[] = [];
  const progress: EvalProgress = { done: 0, total: jobs.length, errors: 0 };

  async function runJob({ example, trial }: { example: EvalExample; trial: number }): Promise<EvalResult> {
    const resumed = previous.get(`${example.id}\u0000${trial}`);
    if (resumed) return resumed;
    const trialSeed = seed + trial;
    const key = cacheKey({
      target: target.fingerprint ?? target.name,
      input: example.input,
      vars: example.vars,
      trial,
      seed: trialSeed,
    });
    const base = { exampleId: example.id, trial, input: example.input, cost: 0 };
    if (cache && store) {
      const hit = await store.evalCache.get<{ output: TargetOutput; latencyMs: number }>(key);
      if (hit) {
        const scores = await scoreOutput(scorers, example, hit.output, hit.latencyMs, signal);
        return {
          ...base,
          status: 'ok',
          output: hit.output,
          scores,
          latencyMs: hit.latencyMs,
          cost: hit.output.cost ?? 0,
          error: null,
          cached: true,
        };
      }
    }
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (signal?.aborted) break;
      const started = performance.now();
      try {
        const output = await withTimeout(timeoutMs, signal, (s) =>
          target.run(example.input, { example, trial, seed: trialSeed, signal: s }),
        );
        const latencyMs = performance.now() - started;
        // Written even when reuse is off, so that the next run can reuse it.
        if (store) await store.evalCache.set(key, { output, latencyMs });
        const scores = await scoreOutput(scorers, example, output, latencyMs, signal);
        return {
          ...base,
          status: 'ok',
          output,
          scores,
          latencyMs,
          cost: output.cost ?? 0,
          error: null,
          cached: false,
        };
      } catch (error) {
        lastError = error;
        if (GantryError.isInstance(error) && error.exitCode === 2) throw error;
        if (attempt < retries && retryDelayMs > 0) await sleep(retryDelayMs * 2 ** attempt);
      }
    }
    const message = lastError instanceof Error ? lastError.message : String(lastError ?? 'aborted');
    return {
      ...base,
      status: 'error',
      output: null,
      scores: {},
      latencyMs: 0,
      error: message,
      cached: false,
    };
  }

  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const job = jobs[next++];
      const result = await runJob(job);
      results.push(result);
      if (store) {
        await store.evalRuns.saveResult({ ...result, runId, createdAt: Date.now() });
      }
      progress.done++;
      if (result.status === 'error') progress.errors++;
      progress.last = result;
      onProgress?.(progress);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, worker));
  } catch (error) {
    await store?.evalRuns.finishRun(runId, {
      status: 'failed',
      summary: { error: (error as Error).message },
    });
    throw error;
  }
  const order = new Map(examples.map((e, i) => [e.id, i]));
  results.sort((a, b) => order.get(a.exampleId)! - order.get(b.exampleId)! || a.trial - b.trial);
  const summary = summariseResults(results);
  await store?.evalRuns.finishRun(runId, { status: 'completed', summary });
  return { runId, name, target: target.name, results, summary };
}
