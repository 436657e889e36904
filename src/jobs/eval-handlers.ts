// An eval run as jobs: one `eval-example` job per example (all its trials), and one `eval-finish`
// job, the flow's parent, which runs once every example job is done and writes the run's summary.
// A redelivered example job re-runs only what is not stored: runEval skips stored results of the run.
import type { GantryConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import {
  type BuiltEval,
  buildEval,
  readEvalFile,
  runEval,
  type StoredScore,
  summariseResults,
  type TargetOutput,
} from '../eval/index.js';
import type { Store } from '../store/index.js';
import type { JobHandler } from './job-handler.js';

export interface EvalHandlerOptions {
  store: Pick<Store, 'evalRuns' | 'evalCache'>;
  config: GantryConfig;
}

export interface EvalExampleJobResult {
  exampleId: string;
  trials: number;
  errors: number;
}

export function evalExampleHandler(options: EvalHandlerOptions): JobHandler<'eval-example'> {
  const { store, config } = options;
  return async (data, context) => {
    const evalFile = readEvalFile(data.file);
    const built = buildEval(evalFile, { file: data.file, config });
    try {
      const example = findExample(built, data.exampleId, data.file);
      const run = await runEval({
        name: built.name,
        target: built.target,
        examples: [example],
        scorers: built.scorers,
        // The run is finished by the eval-finish job, once, with the summary of every example.
        store: { evalCache: store.evalCache, evalRuns: { ...store.evalRuns, finishRun: async () => {} } },
        runId: data.runId,
        concurrency: 1,
        retries: evalFile.run.retries ?? config.eval.retries,
        timeoutMs: evalFile.run.timeoutMs ?? config.eval.timeoutMs,
        repeat: evalFile.run.repeat,
        seed: evalFile.run.seed,
        cache: evalFile.run.cache ?? config.eval.cache,
        config: { file: data.file, evalFile, thresholds: evalFile.thresholds, queued: true },
        signal: context.signal,
        onProgress: (p) => {
          void context.progress({ events: p.done, steps: p.done, total: p.total, last: p.last?.status });
        },
      });
      return {
        exampleId: data.exampleId,
        trials: run.results.length,
        errors: run.results.filter((r) => r.status === 'error').length,
      } satisfies EvalExampleJobResult;
    } finally {
      await built.close();
    }
  };
}

export function evalFinishHandler(options: Pick<EvalHandlerOptions, 'store'>): JobHandler<'eval-finish'> {
  return async (data) => {
    const results = await options.store.evalRuns.listResults<TargetOutput, StoredScore>(data.runId);
    const summary = summariseResults(results);
    await options.store.evalRuns.finishRun(data.runId, { status: 'completed', summary });
    return { runId: data.runId, results: results.length, summary };
  };
}

function findExample(built: BuiltEval, exampleId: string, file: string) {
  const example = built.examples.find((candidate) => candidate.id === exampleId);
  if (!example) {
    throw new GantryError('JOBS_JOB_INVALID', `The eval file ${file} has no example '${exampleId}'.`, {
      hint: 'The file changed after the eval was queued: queue it again (`gantry jobs eval <file>`).',
      details: { file, exampleId },
    });
  }
  return example;
}
