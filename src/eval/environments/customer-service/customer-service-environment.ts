// The customer-service environment (τ-bench style): per (task, trial) a seeded database, a simulated
// customer with a hidden goal, the written policy, and the tools. Success is the final database equal
// to the expected one (the initial state with the gold actions applied) and the required facts told to
// the customer. Repeat trials (runEval's `repeat`) for pass^k.
import { GantryError } from '../../../errors/index.js';
import type { EvalExample, Target, TrajectoryStep } from '../../types.js';
import type { EnvironmentPolicy } from '../environment-policy.js';
import { recordTools } from '../webshop/webshop-tools.js';
import { applyAction } from './retail-actions.js';
import {
  cloneDatabase,
  databaseDiff,
  generateRetailDatabase,
  type RetailDatabase,
} from './retail-database.js';
import { scriptedUser, type UserFactory } from './simulated-user.js';
import { supportPolicy } from './support-policy.js';
import { type SupportTask, supportTasks } from './support-tasks.js';
import { type SupportSession, supportTools } from './support-tools.js';

export interface CustomerServiceEnvironmentOptions {
  tasks?: SupportTask[];
  /** Mixed into every trial's seed: another value gives other databases and phrasings. */
  seed?: number;
  /** The simulated customer; scriptedUser() by default, modelUser({ model }) for a model. */
  user?: UserFactory;
  /** Also fail a trial that changed an order before verifying its owner, even when the state matches. */
  strict?: boolean;
}

export interface SupportOutcome {
  success: boolean;
  databaseMatches: boolean;
  /** Where the final database differs from the expected one (at most 20 paths). */
  differences: string[];
  missingInfo: string[];
  violations: string[];
}

/** Judges a finished conversation: state comparison first, then the facts the customer had to hear. */
export function judgeSupportOutcome(
  expected: RetailDatabase,
  actual: RetailDatabase,
  agentMessages: readonly string[],
  requiredInfo: readonly string[],
  violations: readonly string[] = [],
  strict = false,
): SupportOutcome {
  const differences = databaseDiff(expected, actual);
  const said = agentMessages.join('\n').toLowerCase().replaceAll(',', '');
  const missingInfo = requiredInfo.filter((info) => !said.includes(info.toLowerCase().replaceAll(',', '')));
  const databaseMatches = differences.length === 0;
  return {
    success: databaseMatches && missingInfo.length === 0 && (!strict || violations.length === 0),
    databaseMatches,
    differences: differences.slice(0, 20),
    missingInfo,
    violations: [...violations],
  };
}

export interface CustomerServiceEnvironment {
  tasks: SupportTask[];
  policy: string;
  examples(): EvalExample[];
  target(policy: EnvironmentPolicy, name?: string): Target;
}

export function customerServiceEnvironment({
  tasks = supportTasks,
  seed = 0,
  user = scriptedUser(),
  strict = false,
}: CustomerServiceEnvironmentOptions = {}): CustomerServiceEnvironment {
  const byId = new Map(tasks.map((t, index) => [t.id, { task: t, index }]));
  return {
    tasks,
    policy: supportPolicy,
    examples: () =>
      tasks.map((t) => ({
        id: t.id,
        input: t.description,
        vars: { description: t.description, policyTrap: t.policyTrap },
      })),
    target(policy, name = 'customer-service') {
      return {
        name,
        async run(_input, context) {
          const entry = byId.get(context.example.id);
          if (!entry) {
            throw new GantryError(
              'EVAL_ENVIRONMENT_INVALID',
              `The customer-service environment has no task '${context.example.id}'.`,
              { hint: 'Use the examples from customerServiceEnvironment().examples().' },
            );
          }
          const trialSeed = (seed * 7919 + context.seed * 1009 + entry.index * 101 + 17) >>> 0;
          const { db, random } = generateRetailDatabase({ seed: trialSeed });
          const scenario = entry.task.setup(db, random);
          const expected = cloneDatabase(db);
          for (const action of scenario.actions) {
            const result = applyAction(expected, action);
            if (result.error) {
              throw new GantryError(
                'EVAL_ENVIRONMENT_INVALID',
                `Task '${entry.task.id}': its gold action ${action.tool} fails (${result.error}).`,
                {
                  hint: "Fix the task's setup so that its expected actions apply to the database it builds.",
                },
              );
            }
          }
          const session: SupportSession = {
            db,
            user: user(scenario.goal, random),
            transcript: [],
            violations: [],
            ended: false,
          };
          const opening = await session.user.opening();
          session.transcript.push({ role: 'customer', text: opening });
          const trajectory: TrajectoryStep[] = [];
          const tools = recordTools(supportTools(session), trajectory);
          const instruction = `${supportPolicy}\n\nThe customer writes: ${opening}`;
          const result = await policy({ id: entry.task.id, instruction }, tools, context);
          const answer = typeof result === 'string' ? { output: result } : result;
          trajectory.push({ kind: 'answer', text: answer.output, at: Date.now() });
          session.transcript.push({ role: 'agent', text: answer.output });
          const outcome = judgeSupportOutcome(
            expected,
            db,
            session.transcript.filter((m) => m.role === 'agent').map((m) => m.text),
            scenario.requiredInfo,
            session.violations,
            strict,
          );
          return {
            output: answer.output,
            trajectory,
            usage: answer.usage,
            cost: answer.cost,
            metadata: {
              ...outcome,
              reward: outcome.success ? 1 : 0,
              policyTrap: entry.task.policyTrap,
              transcript: session.transcript,
            },
          };
        },
      };
    },
  };
}
