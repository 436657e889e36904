// `gantry eval customer-service`: the τ-bench-style environment with a scripted policy (naive, careful)
// or an agent on a model, the customer scripted or played by a model; prints pass^k per k and per task.
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import {
  agentPolicy,
  carefulSupportPolicy,
  customerServiceEnvironment,
  type EnvironmentPolicy,
  modelUser,
  naiveSupportPolicy,
  runEval,
  taskSuccess,
} from '../../eval/index.js';
import { resolveModel } from '../../model/index.js';
import type { CliContext } from '../cli-context.js';

interface Flags {
  policy?: string;
  model?: string;
  userModel?: string;
  repeat: number;
  seed: number;
  maxSteps: number;
  strict?: boolean;
  json?: boolean;
}

const integer = (name: string, minimum: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < minimum) {
    throw new GantryError('USAGE_INVALID', `${name} must be an integer ≥ ${minimum}, got '${value}'.`, {
      hint: `Example: ${name} 4`,
    });
  }
  return n;
};

export function defineEvalCustomerService(command: Command, context: CliContext): void {
  command
    .command('customer-service')
    .description('τ-bench-style support conversations: policy rules, a simulated customer, pass^k')
    .option('--policy <name>', 'scripted policy: naive or careful (default careful, unless --model)')
    .option('--model <spec>', 'run an agent on this model instead of a scripted policy')
    .option('--user-model <spec>', 'a model plays the customer (default: the scripted customer)')
    .option('--repeat <k>', 'trials per task', integer('--repeat', 1), 4)
    .option('--seed <n>', 'seed of the generated databases', integer('--seed', 0), 0)
    .option('--max-steps <n>', "the agent's step limit", integer('--max-steps', 1), 20)
    .option('--strict', 'also fail trials that changed an order before verifying its owner')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const { config } = context.config();
      if (flags.policy && !['naive', 'careful'].includes(flags.policy)) {
        throw new GantryError('USAGE_INVALID', `Unknown policy '${flags.policy}'.`, {
          hint: 'Use --policy naive or --policy careful, or --model provider:model for an agent.',
        });
      }
      const policyName = flags.model ? `agent:${flags.model}` : (flags.policy ?? 'careful');
      const policy: EnvironmentPolicy = flags.model
        ? agentPolicy({
            model: resolveModel(flags.model, { config }),
            modelName: flags.model,
            limits: { steps: flags.maxSteps },
          })
        : policyName === 'naive'
          ? naiveSupportPolicy()
          : carefulSupportPolicy();
      const environment = customerServiceEnvironment({
        seed: flags.seed,
        strict: flags.strict,
        user: flags.userModel ? modelUser({ model: resolveModel(flags.userModel, { config }) }) : undefined,
      });
      const run = await runEval({
        name: `customer-service:${policyName}`,
        target: environment.target(policy, `customer-service:${policyName}`),
        examples: environment.examples(),
        scorers: [taskSuccess()],
        repeat: flags.repeat,
        seed: flags.seed,
        concurrency: flags.model || flags.userModel ? 2 : 1,
        retries: 0,
        store: await context.store(),
        cache: false,
        config: { policy: policyName, userModel: flags.userModel ?? null, strict: Boolean(flags.strict) },
      });
      const perTask = environment.tasks.map((task) => {
        const results = run.results.filter((r) => r.exampleId === task.id);
        return {
          task: task.id,
          policyTrap: task.policyTrap,
          passed: results.filter((r) => r.scores['task-success']?.pass).length,
          trials: results.length,
          errors: results.filter((r) => r.status === 'error').length,
        };
      });
      const passHatK = run.summary.passHatK ?? { 1: run.summary.passRate };
      if (flags.json) {
        context.stdout.write(
          `${JSON.stringify({ runId: run.runId, policy: policyName, passHatK, tasks: perTask }, null, 2)}\n`,
        );
        return;
      }
      context.stdout.write(
        [
          `customer-service  policy ${policyName}  customer ${flags.userModel ?? 'scripted'}  run ${run.runId}`,
          `${environment.tasks.length} tasks × ${flags.repeat} trial(s), ${run.summary.errors} errors`,
          Object.entries(passHatK)
            .map(([k, v]) => `pass^${k} ${v.toFixed(4)}`)
            .join('  '),
          '',
          ...perTask.map(
            (t) =>
              `${t.task.padEnd(22)} ${t.passed}/${t.trials}${t.policyTrap ? '  (policy trap)' : ''}${t.errors ? `  ${t.errors} errors` : ''}`,
          ),
        ].join('\n') + '\n',
      );
    });
}
