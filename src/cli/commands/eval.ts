// `gantry eval run | compare | judge-check | list`: thin wrappers over src/eval.
import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import {
  buildEval,
  type ComparableRun,
  compareRuns,
  type EvalRun,
  formatComparison,
  formatRunSummary,
  type JudgeCheckPair,
  judgeCheck,
  pairwiseJudge,
  parseDataset,
  type RunComparison,
  type RunSummary,
  readEvalFile,
  runEval,
  type StoredScore,
  type TargetOutput,
  toHtmlReport,
  toJsonReport,
} from '../../eval/index.js';
import { resolveModel } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { defineEvalCustomerService } from './eval-customer-service.js';
import { frontierPoint, runIdList } from './eval-frontier.js';
import { defineEvalTasks } from './eval-tasks.js';

const positiveInteger = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new GantryError('USAGE_INVALID', `${name} must be a positive integer, got '${value}'.`, {
      hint: `Example: ${name} 4`,
    });
  }
  return n;
};

const fraction = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new GantryError('USAGE_INVALID', `--threshold must be between 0 and 1, got '${value}'.`, {
      hint: 'Example: --threshold 0.02',
    });
  }
  return n;
};

async function loadRun(
  store: Pick<Store, 'evalRuns'>,
  runId: string,
): Promise<EvalRun & { thresholds: Record<string, number> }> {
  const run = await store.evalRuns.getRun<RunSummary, { thresholds?: Record<string, number> }>(runId);
  if (!run) {
    throw new GantryError('NOT_FOUND', `No eval run '${runId}' in the database.`, {
      hint: 'List runs with `gantry eval list`.',
    });
  }
  if (!run.summary || run.status !== 'completed') {
    throw new GantryError('USAGE_INVALID', `Eval run '${runId}' has not completed (status ${run.status}).`, {
      hint: `Resume it with \`gantry eval run <file> --resume ${runId}\`.`,
    });
  }
  const results = await store.evalRuns.listResults<TargetOutput, StoredScore>(runId);
  return {
    runId,
    name: run.name,
    target: run.target,
    results,
    summary: run.summary,
    thresholds: run.config.thresholds ?? {},
  };
}

async function latestRunNamed(
  store: Pick<Store, 'evalRuns'>,
  name: string,
  except: string,
): Promise<string | undefined> {
  const runs = await store.evalRuns.listRuns({ limit: 200 });
  return runs.find((r) => r.name === name && r.runId !== except && r.status === 'completed')?.runId;
}

function writeReports(
  run: EvalRun,
  comparison: RunComparison | undefined,
  options: { html?: string; report?: string },
  context: CliContext,
  frontier: EvalRun[] = [],
) {
  if (options.html) {
    writeFileSync(options.html, toHtmlReport(run, comparison, { frontier: frontier.map(frontierPoint) }));
    context.stderr.write(`HTML report: ${options.html}\n`);
  }
  if (options.report) {
    writeFileSync(options.report, toJsonReport(run, comparison));
    context.stderr.write(`JSON report: ${options.report}\n`);
  }
}

function failOnRegression(comparison: RunComparison, ci: boolean | undefined) {
  if (ci && comparison.regressed) {
    const worst = comparison.scorers
      .filter((s) => s.regressed)
      .map((s) => `${s.scorer} ${s.delta.toFixed(4)} (allowed drop ${s.threshold})`);
    throw new GantryError(
      'EVAL_REGRESSION',
      `Run ${comparison.candidate} regressed against ${comparison.baseline}: ${worst.join(', ')}.`,
      {
        hint: 'Look at the newly failing examples in the report, or raise the threshold in the eval file if the drop is expected.',
        details: { comparison },
      },
    );
  }
}

interface RunFlags {
  concurrency?: number;
  repeat?: number;
  retries?: number;
  timeout?: number;
  resume?: string;
  cache: boolean;
  json?: boolean;
  html?: string;
  report?: string;
  baseline?: string;
  ci?: boolean;
  threshold?: number;
  progress: boolean;
}

export function define(command: Command, context: CliContext): void {
  command
    .command('run')
    .description('Run an eval file: target × dataset × scorers; results go to the database')
    .argument('<file>', 'eval file (gantry.eval.yaml)')
    .option('--concurrency <n>', 'examples run at once', positiveInteger('--concurrency'))
    .option('--repeat <k>', 'trials per example (pass@k, pass^k)', positiveInteger('--repeat'))
    .option('--retries <n>', 'extra attempts after a failure', (v) => Number(v))
    .option('--timeout <ms>', 'per-example time limit', positiveInteger('--timeout'))
    .option('--resume <runId>', 'continue a stored run: finished examples are kept')
    .option('--no-cache', 'run every example even when a cached output exists')
    .option('--baseline <runId>', "compare with this run ('latest': the last run of the same eval)")
    .option('--ci', 'exit 1 when a scorer drops more than its threshold against the baseline')
    .option('--threshold <x>', 'default allowed drop of a scorer mean (0..1)', fraction)
    .option('--html <path>', 'write the HTML report here')
    .option('--report <path>', 'write the JSON report here')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the JSON report on stdout')
    .action(async (file: string, flags: RunFlags) => {
      const { config } = context.config();
      const evalFile = readEvalFile(file);
      const built = buildEval(evalFile, { file, config });
      const store = await context.store();
      const showBar = flags.progress && !flags.json && Boolean((context.stderr as NodeJS.WriteStream).isTTY);
      const bar = showBar
        ? new SingleBar({
            format: 'eval {bar} {value}/{total} | errors {errors} | {eta}s left',
            stream: context.stderr,
          })
        : undefined;
      let run: EvalRun;
      try {
        bar?.start(built.examples.length * (flags.repeat ?? evalFile.run.repeat), 0, { errors: 0 });
        run = await runEval({
          name: built.name,
          target: built.target,
          examples: built.examples,
          scorers: built.scorers,
          store,
          runId: flags.resume,
          concurrency: flags.concurrency ?? evalFile.run.concurrency ?? config.eval.concurrency,
          retries: flags.retries ?? evalFile.run.retries ?? config.eval.retries,
          timeoutMs: flags.timeout ?? evalFile.run.timeoutMs ?? config.eval.timeoutMs,
          repeat: flags.repeat ?? evalFile.run.repeat,
          seed: evalFile.run.seed,
          cache: flags.cache && (evalFile.run.cache ?? config.eval.cache),
          config: { file, evalFile, thresholds: evalFile.thresholds },
          onProgress: (p) => bar?.update(p.done, { errors: p.errors }),
        });
      } finally {
        bar?.stop();
        await built.close();
      }
      let comparison: RunComparison | undefined;
      if (flags.baseline) {
        const baselineId =
          flags.baseline === 'latest' ? await latestRunNamed(store, run.name, run.runId) : flags.baseline;
        if (baselineId) {
          const baseline = await loadRun(store, baselineId);
          comparison = compareRuns(baseline, run, {
            thresholds: evalFile.thresholds,
            defaultThreshold: flags.threshold ?? config.eval.regressionThreshold,
          });
        } else {
          context.stderr.write(
            `No earlier completed run of '${run.name}' to compare with; this run becomes the baseline.\n`,
          );
        }
      }
      writeReports(run, comparison, flags, context);
      if (flags.json) context.stdout.write(`${toJsonReport(run, comparison)}\n`);
      else {
        context.stdout.write(`${formatRunSummary(run)}\n`);
        if (comparison) context.stdout.write(`\n${formatComparison(comparison)}\n`);
      }
      if (run.summary.errors > 0) {
        context.stderr.write(
          `${run.summary.errors} result(s) failed after retries; run only those again with: gantry eval run ${file} --resume ${run.runId}\n`,
        );
      }
      if (comparison) failOnRegression(comparison, flags.ci);
    });

  command
    .command('compare')
    .description('Compare two stored runs; flags scorers that dropped more than their threshold')
    .argument('<baseline>', 'run id of the baseline')
    .argument('<candidate>', 'run id of the candidate')
    .option('--threshold <x>', 'default allowed drop of a scorer mean (0..1)', fraction)
    .option('--ci', 'exit 1 on a regression')
    .option('--html <path>', "write the candidate's HTML report with the diff here")
    .option(
      '--frontier <runIds>',
      'more runs (comma-separated) for the cost/quality Pareto chart; the baseline is always on it',
      runIdList,
    )
    .option('--json', 'print JSON')
    .action(
      async (
        baselineId: string,
        candidateId: string,
        flags: { threshold?: number; ci?: boolean; html?: string; json?: boolean; frontier?: string[] },
      ) => {
        const { config } = context.config();
        const store = await context.store();
        const baseline = await loadRun(store, baselineId);
        const candidate = await loadRun(store, candidateId);
        const comparison = compareRuns(baseline as ComparableRun, candidate as ComparableRun, {
          thresholds: candidate.thresholds,
          defaultThreshold: flags.threshold ?? config.eval.regressionThreshold,
        });
        const others = await Promise.all((flags.frontier ?? []).map((id) => loadRun(store, id)));
        writeReports(candidate, comparison, flags, context, [baseline, ...others]);
        context.stdout.write(
          flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatComparison(comparison)}\n`,
        );
        failOnRegression(comparison, flags.ci);
      },
    );

  command
    .command('judge-check')
    .description(
      'Run a pairwise judge on pairs in both orders, repeatedly: flip rate, self-agreement, human agreement',
    )
    .argument('<pairs>', 'JSONL/CSV/YAML file of { input, a, b, label? } rows (label: A, B or tie)')
    .option('--model <spec>', 'judge model (default: eval.judgeModel)')
    .option('--criteria <text>', 'what the judge compares')
    .option('--repeats <n>', 'comparisons per pair', positiveInteger('--repeats'), 3)
    .option('--json', 'print JSON')
    .action(
      async (file: string, flags: { model?: string; criteria?: string; repeats: number; json?: boolean }) => {
        const { config } = context.config();
        const spec = flags.model ?? config.eval.judgeModel;
        if (!spec) {
          throw new GantryError('USAGE_INVALID', 'judge-check needs a judge model.', {
            hint: 'Pass --model provider:model, or set eval.judgeModel in gantry.config.json.',
          });
        }
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new GantryError('FILE_NOT_FOUND', `Pairs file ${file} cannot be read.`, {
            hint: 'Check the path.',
            cause: error,
          });
        }
        const pairs = parseDataset(text, file).map((row, i): JudgeCheckPair => {
          if (typeof row.a !== 'string' || typeof row.b !== 'string') {
            throw new GantryError(
              'EVAL_DATASET_INVALID',
              `Row ${i + 1} of ${file} needs string columns 'a' and 'b'.`,
              { hint: 'Each row: { input, a, b, label? }.' },
            );
          }
          const label =
            typeof row.label === 'string'
              ? row.label.toUpperCase() === 'TIE'
                ? 'tie'
                : (row.label.toUpperCase() as 'A' | 'B')
              : undefined;
          return { id: String(row.id ?? i + 1), input: row.input, a: row.a, b: row.b, label };
        });
        const judge = pairwiseJudge({ model: resolveModel(spec, { config }), criteria: flags.criteria });
        const report = await judgeCheck(judge, pairs, { repeats: flags.repeats });
        if (flags.json) {
          context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
        context.stdout.write(
          [
            `judge ${spec}: ${report.pairs} pairs × ${flags.repeats} repeats × 2 orders`,
            `flip rate ${pct(report.flipRate)} (verdict changed when the answers swapped places)`,
            `first-position preference ${pct(report.firstPositionRate)}`,
            `self-agreement ${pct(report.selfAgreement)}`,
            report.longerAnswerWinRate === undefined
              ? 'longer-answer win rate: no decisive verdicts on pairs of different lengths'
              : `longer-answer win rate ${pct(report.longerAnswerWinRate)} (verbosity bias when far above 50% on equal-quality pairs)`,
            report.humanAgreement === undefined
              ? 'human agreement: no labels'
              : `human agreement ${pct(report.humanAgreement)}`,
          ].join('\n') + '\n',
        );
      },
    );

  command
    .command('show')
    .description('Print a stored run; write its HTML report (with every trajectory) or JSON')
    .argument('<runId>', 'run id (see gantry eval list)')
    .option('--html <path>', 'write the HTML report here')
    .option('--report <path>', 'write the JSON report here')
    .option(
      '--frontier <runIds>',
      'other runs (comma-separated: models, routes, router settings) for the cost/quality Pareto chart',
      runIdList,
    )
    .option('--json', 'print the JSON report')
    .action(
      async (
        runId: string,
        flags: { html?: string; report?: string; json?: boolean; frontier?: string[] },
      ) => {
        const store = await context.store();
        const run = await loadRun(store, runId);
        const others = await Promise.all((flags.frontier ?? []).map((id) => loadRun(store, id)));
        writeReports(run, undefined, flags, context, others);
        context.stdout.write(flags.json ? `${toJsonReport(run)}\n` : `${formatRunSummary(run)}\n`);
      },
    );

  command
    .command('list')
    .description('List recent eval runs')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const runs = await (await context.store()).evalRuns.listRuns<RunSummary>({ limit: 30 });
      if (flags.json) {
        context.stdout.write(
          `${JSON.stringify(
            runs.map(({ config: _config, ...r }) => r),
            null,
            2,
          )}\n`,
        );
        return;
      }
      for (const r of runs) {
        const summary = r.summary;
        const score =
          summary?.passRate === undefined ? '' : ` all-pass ${(summary.passRate * 100).toFixed(1)}%`;
        context.stdout.write(
          `${r.runId}  ${new Date(r.startedAt).toISOString()}  ${r.status.padEnd(9)} ${r.name}${score}\n`,
        );
      }
    });
  defineEvalTasks(command, context);
  defineEvalCustomerService(command, context);
}
