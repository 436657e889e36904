// Plan-and-execute with re-planning: a planner lists steps, an executor carries out one step at a
// time (a model call, or your own function such as an agent run), and after each step a re-planner
// either answers ("FINAL: ...") or rewrites the remaining steps in the light of what happened.
import { GantryError } from '../../errors/index.js';
import {
  createReasoningContext,
  type ReasoningContext,
  type ReasoningOptions,
  runReasoning,
} from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';

export interface PlanAndExecuteOptions extends ReasoningOptions {
  task: string;
  /** Carries out one step; default: ask the model. */
  executeStep?: (step: string, done: readonly ExecutedStep[], context: ReasoningContext) => Promise<string>;
  /** Most steps executed before the run stops with 'iteration-limit'. Default 8. */
  maximumSteps?: number;
}

export interface ExecutedStep {
  step: string;
  result: string;
}

/** "1. do x" / "- do y" lines; anything else is commentary. */
export function parsePlanSteps(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^\s*(?:\d+[.)]|[-*])\s+(.+)$/.exec(line)?.[1]?.trim())
    .filter((step): step is string => Boolean(step));
}

const finalPattern = /^\s*FINAL:\s*([\s\S]*)$/im;

export async function planAndExecute(
  options: PlanAndExecuteOptions,
): Promise<ReasoningResult<string> & Partial<{ executed: ExecutedStep[] }>> {
  const { task, maximumSteps = 8 } = options;
  const context = createReasoningContext(options);
  const executeStep =
    options.executeStep ??
    ((step: string, done: readonly ExecutedStep[]) =>
      context.ask(
        'executor',
        `execute: ${step}`,
        `Task: ${task}\n${history(done)}\nCarry out this step and report the result:\n${step}`,
      ));
  return runReasoning<string, { executed: ExecutedStep[] }>(context, async (partial) => {
    const executed: ExecutedStep[] = [];
    partial.extra = { executed };
    let plan = parsePlanSteps(
      await context.ask(
        'planner',
        'write the plan',
        `Make a short numbered plan (one step per line) for this task:\n${task}`,
      ),
    );
    if (plan.length === 0) {
      throw new GantryError('REASON_PLAN_INVALID', 'The planner wrote no numbered steps.', {
        hint: 'Use a model that follows the "1. step" format, or pass instructions with an example plan.',
      });
    }
    while (plan.length > 0) {
      if (executed.length >= maximumSteps) {
        return {
          answer: executed.at(-1)?.result,
          stopReason: 'iteration-limit',
          stopMessage: `Executed ${maximumSteps} steps without a final answer.`,
          extra: { executed },
        };
      }
      const step = plan[0] as string;
      const result = await executeStep(step, executed, context);
      executed.push({ step, result });
      partial.answer = result;
      const reply = await context.ask(
        'replanner',
        `re-plan after step ${executed.length}`,
        `Task: ${task}\n${history(executed)}\nRemaining plan:\n${
          plan
            .slice(1)
            .map((s, i) => `${i + 1}. ${s}`)
            .join('\n') || '(none)'
        }\n\nIf the task is done, reply "FINAL: <answer>". Otherwise reply with the numbered steps still to do (change them if needed).`,
      );
      const final = finalPattern.exec(reply);
      if (final) {
        return {
          answer: (final[1] as string).trim(),
          stopReason: 'final-answer',
          stopMessage: `Answered after ${executed.length} steps.`,
          extra: { executed },
        };
      }
      plan = parsePlanSteps(reply);
    }
    return {
      answer: executed.at(-1)?.result,
      stopReason: 'final-answer',
      stopMessage: `The plan ran out after ${executed.length} steps; the last result is the answer.`,
      extra: { executed },
    };
  });
}

function history(done: readonly ExecutedStep[]): string {
  if (done.length === 0) return '';
  return `Done so far:\n${done.map((entry, index) => `${index + 1}. ${entry.step} → ${entry.result}`).join('\n')}\n`;
}
