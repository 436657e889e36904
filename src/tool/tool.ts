// A tool: a name, a description the model reads, a zod input schema and an execute function.
import type { z } from 'zod';
import { GantryError } from '../errors/index.js';
import type { ToolContext } from './tool-context.js';

export interface Tool<Input = unknown, Output = unknown> {
  readonly name: string;
  readonly description: string;
  readonly input: z.ZodType<Input>;
  execute(input: Input, context: ToolContext): Promise<Output> | Output;
  /** Pauses the run for a person's approval before each call (or only for the inputs this returns true for). */
  readonly needsApproval?: boolean | ((input: Input) => boolean);
  /** Milliseconds before the call is aborted and reported to the model as a timeout. */
  readonly timeoutMs?: number;
  /** The JSON Schema shown to the model when it is known exactly (MCP tools); else derived from `input`. */
  readonly inputJsonSchema?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every input type.
export type AnyTool = Tool<any, unknown>;

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** Checks a tool's shape once, where it is defined, so that a bad name fails early and clearly. */
export function defineTool<Schema extends z.ZodType, Output>(tool: {
  name: string;
  description: string;
  input: Schema;
  execute(input: z.output<Schema>, context: ToolContext): Promise<Output> | Output;
  needsApproval?: boolean | ((input: z.output<Schema>) => boolean);
  timeoutMs?: number;
}): Tool<z.output<Schema>, Output> {
  if (!namePattern.test(tool.name)) {
    throw new GantryError('AGENT_TOOL_INVALID', `Tool name '${tool.name}' is not valid.`, {
      hint: 'Use 1 to 64 letters, digits, underscores or hyphens (the limit providers accept).',
      details: { name: tool.name },
    });
  }
  if (!tool.description.trim()) {
    throw new GantryError('AGENT_TOOL_INVALID', `Tool '${tool.name}' has an empty description.`, {
      hint: 'Describe what the tool does and when to use it: the model reads this to decide.',
      details: { name: tool.name },
    });
  }
  return tool as Tool<z.output<Schema>, Output>;
}
