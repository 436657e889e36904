// DEPS (Wang et al. 2023, "Describe, Explain, Plan and Select") for multi-step plans in an
// environment: plan; where a step offers alternatives ("a | b"), select one (your function, e.g.
// the nearest goal, or the model); execute; when a step fails, describe what happened, explain why the
// plan failed, and re-plan from that explanation.
import { GantryError } from '../../errors/index.js';
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';
import { parsePlanSteps } from './plan-and-execute.js';

export interface StepOutcome {
  success: boolean;
  /** What the environment reports (inventory, error, position). */
  observation: string;
}

export interface DepsOptions extends ReasoningOptions {
  task: string;
  execute: (goal: string) => StepOutcome | Promise<StepOutcome>;
  /** Picks one of a step's alternatives (index); default: ask the model. */
  select?: (alternatives: readonly string[]) => number | Promise<number>;
  /** Re-plans after failures before giving up. Default 3. */
  maximumReplans?: number;
}

export interface DepsRecord {
  goal: string;
  outcome: StepOutcome;
}

export async function deps(
  options: DepsOptions,
): Promise<ReasoningResult<string> & Partial<{ executed: DepsRecord[]; explanations: string[] }>> {
  const { task, execute, maximumReplans = 3 } = options;
  const context = createReasoningContext(options);
  return runReasoning<string, { executed: DepsRecord[]; explanations: string[] }>(
    context,
    async (partial) => {
      const executed: DepsRecord[] = [];
      const explanations: string[] = [];
      partial.extra = { executed, explanations };
      for (let attempt = 0; ; attempt++) {
        const feedback = explanations.length
          ? `\n\nEarlier plans failed:\n${explanations.map((text, index) => `${index + 1}. ${text}`).join('\n')}`
          : '';
        const plan = parsePlanSteps(
          await context.ask(
            'planner',
            attempt === 0 ? 'plan' : `re-plan ${attempt}`,
            `Task: ${task}${feedback}\n\nWrite a numbered plan, one goal per line; where several goals would do, write them as "a | b".`,
          ),
        );
        if (plan.length === 0) {
          throw new GantryError('REASON_PLAN_INVALID', 'The DEPS planner wrote no numbered goals.', {
            hint: 'Use a model that follows the "1. goal" format.',
          });
        }
        let failed: DepsRecord | undefined;
        const start = executed.length;
        for (const step of plan) {
          const alternatives = step
            .split('|')
            .map((goal) => goal.trim())
            .filter(Boolean);
          const goal = alternatives.length > 1 ? await selectGoal(alternatives) : (alternatives[0] as string);
          const outcome = await execute(goal);
          context.recordTool(`execute: ${goal}`, goal, outcome.observation);
          executed.push({ goal, outcome });
          if (!outcome.success) {
            failed = { goal, outcome };
            break;
          }
        }
        if (!failed) {
          partial.answer = executed
            .slice(start)
            .map((record) => record.goal)
            .join(' → ');
          return {
            answer: partial.answer,
            stopReason: 'final-answer',
            stopMessage: `All ${plan.length} goals done after ${attempt} re-plan(s).`,
            extra: { executed, explanations },
          };
        }
        if (attempt >= maximumReplans) {
          return {
            answer: undefined,
            stopReason: 'iteration-limit',
            stopMessage: `Still failing after ${maximumReplans} re-plans (last: '${failed.goal}').`,
            extra: { executed, explanations },
          };
        }
        const description = await context.ask(
          'describer',
          `describe failure of '${failed.goal}'`,
          `Goal: ${failed.goal}\nObservation: ${failed.outcome.observation}\n\nDescribe the current situation in one or two sentences.`,
        );
        explanations.push(
          (
            await context.ask(
              'explainer',
              `explain failure of '${failed.goal}'`,
              `Task: ${task}\nFailed goal: ${failed.goal}\nSituation: ${description}\n\nExplain in one sentence why the plan failed and what the next plan must do differently.`,
            )
          ).trim(),
        );
      }
    },
  );

  async function selectGoal(alternatives: readonly string[]): Promise<string> {
    if (options.select)
      return alternatives[await options.select(alternatives)] ?? (alternatives[0] as string);
    const reply = await context.ask(
      'selector',
      `select among ${alternatives.length} goals`,
      `Task: ${task}\nWhich goal is the most feasible to do next?\n${alternatives.map((goal, index) => `${index + 1}. ${goal}`).join('\n')}\nReply with the number.`,
      { temperature: 0 },
    );
    const index = Number(/\d+/.exec(reply)?.[0] ?? 1) - 1;
    return alternatives[index] ?? (alternatives[0] as string);
  }
}
