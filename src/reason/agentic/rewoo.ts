// ReWOO (Xu et al. 2023): reasoning without observation. A planner writes the whole plan up front,
// with placeholders for evidence ("#E1 = Search[...]", "#E2 = Calculator[#E1 * 2]"); workers run the
// tools, filling the placeholders; a solver answers from the plan and the evidence. Two model calls
// however many tools run, where ReAct pays one model call (and the growing history) per tool.
import { GantryError } from '../../errors/index.js';
import type { AnyTool } from '../../tool/index.js';
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';
import { runTool } from './run-tool.js';

export interface RewooStep {
  reasoning: string;
  variable: string;
  tool: string;
  input: string;
}

export interface RewooOptions extends ReasoningOptions {
  task: string;
  tools: readonly AnyTool[];
}

const stepLine = /^\s*(#E\d+)\s*=\s*([\w-]+)\s*\[(.*)\]\s*$/;

export function rewooPlannerPrompt(task: string, tools: readonly AnyTool[]): string {
  const list = tools.map((tool) => `- ${tool.name}[input]: ${tool.description}`).join('\n');
  return `Make a plan to solve the task. For each step write one line "Plan: <why>" and then one line "#E<n> = <Tool>[<input>]". An input may use earlier evidence such as #E1.\nTools:\n${list}\n\nTask: ${task}`;
}

/** The steps of a ReWOO plan; throws REASON_PLAN_INVALID on a plan without steps or with a forward reference. */
export function parseRewooPlan(plan: string): RewooStep[] {
  const steps: RewooStep[] = [];
  let reasoning = '';
  for (const line of plan.split('\n')) {
    const match = stepLine.exec(line);
    if (!match) {
      const text = line.replace(/^\s*Plan:\s*/i, '').trim();
      if (text) reasoning = reasoning ? `${reasoning} ${text}` : text;
      continue;
    }
    const [, variable, tool, input] = match as unknown as [string, string, string, string];
    for (const reference of input.match(/#E\d+/g) ?? []) {
      if (!steps.some((step) => step.variable === reference)) {
        throw new GantryError(
          'REASON_PLAN_INVALID',
          `Step ${variable} uses ${reference} before it is computed.`,
          {
            hint: 'A step may only use the evidence of earlier steps.',
          },
        );
      }
    }
    steps.push({ reasoning, variable, tool, input });
    reasoning = '';
  }
  if (steps.length === 0) {
    throw new GantryError('REASON_PLAN_INVALID', 'The planner wrote no "#E<n> = Tool[input]" step.', {
      hint: 'Use a model that follows the plan format, or give the planner an example in `instructions`.',
      details: { plan: plan.slice(0, 500) },
    });
  }
  return steps;
}

export async function rewoo(
  options: RewooOptions,
): Promise<ReasoningResult<string> & Partial<{ plan: RewooStep[]; evidence: Record<string, string> }>> {
  const { task, tools } = options;
  if (tools.length === 0) {
    throw new GantryError('REASON_OPTIONS_INVALID', 'ReWOO needs at least one tool.', {
      hint: 'Pass tools (for example calculatorTool), or use chain-of-thought strategies for tool-free tasks.',
    });
  }
  const context = createReasoningContext(options);
  return runReasoning<string, { plan: RewooStep[]; evidence: Record<string, string> }>(
    context,
    async (partial) => {
      const planText = await context.ask('planner', 'write the plan', rewooPlannerPrompt(task, tools), {
        temperature: 0,
      });
      const plan = parseRewooPlan(planText);
      const evidence: Record<string, string> = {};
      partial.extra = { plan, evidence };
      for (const step of plan) {
        const input = step.input.replace(/#E\d+/g, (reference) => evidence[reference] ?? reference);
        evidence[step.variable] = await runTool(
          tools,
          step.tool,
          input,
          context,
          `${step.variable} = ${step.tool}`,
          options.signal,
        );
      }
      const worked = plan
        .map(
          (step) =>
            `Plan: ${step.reasoning}\n${step.variable} = ${step.tool}[${step.input}]\nEvidence: ${evidence[step.variable]}`,
        )
        .join('\n');
      const answer = await context.ask(
        'solver',
        'answer from the evidence',
        `Solve the task using the plan and its evidence. Answer directly.\n\n${worked}\n\nTask: ${task}\nAnswer:`,
        { temperature: 0 },
      );
      return {
        answer: answer.trim(),
        stopReason: 'final-answer',
        stopMessage: `Planned ${plan.length} tool steps; 2 model calls.`,
        extra: { plan, evidence },
      };
    },
  );
}
