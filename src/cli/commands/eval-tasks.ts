// `gantry eval tasks FILE --format gaia|webarena|agentbench --model M`: an agent on a benchmark's task
// file, scored with that benchmark's official rules; results that need what is not here (a judge model,
// the live site, the task's container) are reported as unscored, not as failures.
import type { Command } from 'commander';
import { createAgent } from '../../agent/index.js';
import { GantryError } from '../../errors/index.js';
import {
  agentTarget,
  benchmarkExamples,
  benchmarkScorer,
  loadBenchmarkTasks,
  runEval,
  summariseBenchmark,
} from '../../eval/index.js';
import { resolveModel } from '../../model/index.js';
import type { CliContext } from '../cli-context.js';

interface TasksFlags {
  format?: string;
  model?: string;
  judge?: string;
  repeat: number;
  concurrency: number;
  maxSteps: number;
  timeout: number;
  instructions?: string;
  json?: boolean;
}

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new GantryError('USAGE_INVALID', `${name} must be a positive integer, got '${value}'.`, {
      hint: `Example: ${name} 4`,
    });
  }
  return n;
};

export function defineEvalTasks(command: Command, context: CliContext): void {
  command
    .command('tasks')
    .description('Run an agent on a GAIA, WebArena or AgentBench task file, scored by the official rules')
    .argument(
      '<file>',
      'task file: JSON array or JSONL (GAIA metadata.jsonl, WebArena configs, AgentBench data)',
    )
    .option('--format <format>', 'gaia, webarena or agentbench (default: recognised from the fields)')
    .option('--model <spec>', "the agent's model ('provider:model', an alias, or script:FILE)")
    .option('--judge <spec>', "judge model for WebArena's fuzzy_match (default: eval.judgeModel)")
    .option('--repeat <k>', 'trials per task (pass^k)', positive('--repeat'), 1)
    .option('--concurrency <n>', 'tasks run at once', positive('--concurrency'), 2)
    .option('--max-steps <n>', "the agent's step limit", positive('--max-steps'), 15)
    .option('--timeout <ms>', 'per-task time limit', positive('--timeout'), 300_000)
    .option('--instructions <text>', "the agent's instructions (system prompt)")
    .option('--json', 'print JSON')
    .action(async (file: string, flags: TasksFlags) => {
      const { config } = context.config();
      if (!flags.model) {
        throw new GantryError('USAGE_INVALID', 'eval tasks needs the model to run.', {
          hint: 'Pass --model provider:model (or script:turns.json for a scripted model).',
        });
      }
      const tasks = loadBenchmarkTasks(file, { format: flags.format });
      const judgeSpec = flags.judge ?? config.eval.judgeModel;
      const agent = createAgent({
        name: `tasks-${tasks[0]?.format ?? 'benchmark'}`,
        model: resolveModel(flags.model, { config }),
        modelName: flags.model,
        instructions: flags.instructions,
        limits: { steps: flags.maxSteps },
      });
      const run = await runEval({
        name: `tasks:${file}`,
        target: agentTarget(agent),
        examples: benchmarkExamples(tasks),
        scorers: [benchmarkScorer({ judge: judgeSpec ? resolveModel(judgeSpec, { config }) : undefined })],
        store: await context.store(),
        cache: false,
        repeat: flags.repeat,
        concurrency: flags.concurrency,
        timeoutMs: flags.timeout,
        retries: 0,
        config: { file, format: tasks[0]?.format, model: flags.model, judge: judgeSpec ?? null },
      });
      const summary = summariseBenchmark(run.results);
      if (flags.json) {
        context.stdout.write(
          `${JSON.stringify({ runId: run.runId, format: tasks[0]?.format, summary, results: run.results.map((r) => ({ task: r.exampleId, trial: r.trial, output: r.output?.output ?? null, error: r.error, score: r.scores.benchmark ?? null })) }, null, 2)}\n`,
        );
        return;
      }
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const lines = [
        `eval tasks ${tasks[0]?.format ?? ''}  ${file}  model ${flags.model}  run ${run.runId}`,
        `${summary.tasks} tasks × ${flags.repeat} trial(s): ${summary.scored} scored, ${summary.passed} passed (accuracy ${pct(summary.accuracy)}), ${summary.unscored} unscored, ${summary.errors} errors`,
        Object.entries(summary.passHatK)
          .map(([k, v]) => `pass^${k} ${v.toFixed(4)}`)
          .join('  ') || 'pass^k: no task with every trial scored',
        ...Object.entries(summary.unscoredReasons).map(([reason, n]) => `${n} × ${reason}`),
        '',
        ...run.results.map((r) => {
          const s = r.scores.benchmark;
          const verdict =
            r.status === 'error'
              ? `error  ${r.error}`
              : s?.details?.unscored
                ? `unscored  ${(s.reason ?? '').replace(/^unscored: /, '')}`
                : s?.pass
                  ? 'pass'
                  : 'fail';
          return `${r.exampleId.padEnd(24)} #${r.trial}  ${verdict}`;
        }),
      ];
      context.stdout.write(`${lines.join('\n')}\n`);
    });
}
