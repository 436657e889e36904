// Validates a call's arguments against the tool's schema; the error text is written for the model,
// with the schema, so that it can correct the call on its next turn.
import type { AnyTool } from '../tool/index.js';
import { toolInputJsonSchema } from '../tool/index.js';

export type ValidatedInput = { ok: true; value: unknown } | { ok: false; message: string };

export function validateToolInput(tool: AnyTool, input: unknown): ValidatedInput {
  const coerced = coerce(tool, input);
  const result = tool.input.safeParse(coerced);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
  return {
    ok: false,
    message:
      `Invalid arguments for tool '${tool.name}': ${issues}. ` +
      `Expected arguments matching this JSON Schema: ${JSON.stringify(toolInputJsonSchema(tool))}. ` +
      'Call the tool again with corrected arguments.',
  };
}

/**
 * No arguments at all is an empty object. Nothing else is coerced here: a bare value for a
 * one-parameter tool is mapped by the parser, which records the repair; a string that reaches this
 * point (text that did not parse) is reported to the model, never stuffed into a parameter.
 */
function coerce(_tool: AnyTool, input: unknown): unknown {
  if (input === undefined || input === null || input === '') return {};
  return input;
}
