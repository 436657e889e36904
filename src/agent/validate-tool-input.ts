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

/** A bare string for a tool whose input has one property is taken as that property (ReAct models do this). */
function coerce(tool: AnyTool, input: unknown): unknown {
  if (input === undefined || input === null || input === '') return {};
  if (typeof input !== 'string') return input;
  const schema = toolInputJsonSchema(tool) as { type?: string; properties?: Record<string, unknown> };
  const keys = Object.keys(schema.properties ?? {});
  return schema.type === 'object' && keys.length === 1 ? { [keys[0]]: input } : input;
}
