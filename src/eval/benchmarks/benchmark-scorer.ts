// One scorer for every benchmark format: it reads the task's reference from the example and applies
// that benchmark's official rules. A result the rules cannot decide offline is marked unscored.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';
import { scoreAgentBench } from './agentbench-tasks.js';
import { scoreGaia } from './gaia-tasks.js';
import { scoreWebArena } from './webarena-evaluators.js';

export interface BenchmarkScorerOptions {
  /** Judge model for WebArena's fuzzy_match; without one those tasks are unscored. */
  judge?: LanguageModelV3;
}

export function benchmarkScorer({ judge }: BenchmarkScorerOptions = {}): Scorer {
  return {
    name: 'benchmark',
    async score(example, output) {
      const format = example.vars?.benchmark;
      const reference = example.vars?.reference as Record<string, unknown> | undefined;
      if (!reference) {
        throw new GantryError(
          'EVAL_SCORER_INPUT_INVALID',
          `Example '${example.id}' is not a benchmark task.`,
          {
            hint: 'Build the examples with benchmarkExamples(loadBenchmarkTasks(file)).',
          },
        );
      }
      if (format === 'gaia') return scoreGaia(reference, output.output);
      if (format === 'webarena') return scoreWebArena(reference, output, { judge });
      return scoreAgentBench(reference, output.output);
    },
  };
}
