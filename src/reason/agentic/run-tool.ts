// Runs one tool for a strategy that calls tools itself (ReWOO workers, plan-and-execute): the input
// is the text the planner wrote, read as JSON or, for a one-field tool, as that field's value.
import { GantryError } from '../../errors/index.js';
import type { AnyTool } from '../../tool/index.js';
import { noopTracer } from '../../trace/index.js';
import type { ReasoningContext } from '../reasoning-context.js';

export async function runTool(
  tools: readonly AnyTool[],
  name: string,
  rawInput: string,
  context: ReasoningContext,
  purpose: string,
  signal?: AbortSignal,
): Promise<string> {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) {
    throw new GantryError(
      'REASON_PLAN_INVALID',
      `The plan calls tool '${name}', which this run does not have.`,
      {
        hint: `Available tools: ${tools.map((candidate) => candidate.name).join(', ') || 'none'}.`,
      },
    );
  }
  context.checkBudget();
  let output: string;
  try {
    const result = await tool.execute(inputFor(tool, rawInput), {
      toolCallId: `reason-${context.trace.length}`,
      runId: 'reason',
      signal: signal ?? new AbortController().signal,
      tracer: noopTracer,
      span: noopTracer.startSpan(`tool ${name}`),
      budget: context.budget,
    });
    output = typeof result === 'string' ? result : JSON.stringify(result);
  } catch (error) {
    // The model reads tool failures as evidence, as in the agent loop.
    output = `Error: ${(error as Error).message}`;
  }
  context.recordTool(purpose, `${name}[${rawInput}]`, output);
  return output;
}

function inputFor(tool: AnyTool, raw: string): unknown {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = tool.input.safeParse(JSON.parse(trimmed));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON after all: fall through to the one-field form.
    }
  }
  const shape = (tool.input as unknown as { shape?: Record<string, unknown> }).shape;
  const keys = shape ? Object.keys(shape) : [];
  const candidate = keys.length >= 1 ? { [keys[0] as string]: trimmed } : trimmed;
  const parsed = tool.input.safeParse(candidate);
  if (!parsed.success) {
    throw new GantryError(
      'REASON_PLAN_INVALID',
      `The plan's input for tool '${tool.name}' is not valid: ${trimmed.slice(0, 80)}`,
      {
        hint: 'Write the input as JSON matching the tool, or as the value of its only field.',
      },
    );
  }
  return parsed.data;
}
