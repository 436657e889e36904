// Calls from a parsed JSON value, in the object shapes models and chat templates use:
// {name, arguments}, {name, parameters}, {tool, tool_input}, {action, action_input},
// {function: {name, arguments}}, {type: "function", function: ...}, {tool_calls: [...]}, lists of
// these; and the final answer of JSON protocols: {"final_answer": ...}, {"action": "Final Answer", ...}.
import { parseArguments, scalarArguments } from './parse-arguments.js';
import type { CallFormat, ParseContext, ParsedToolCall, ParseError, Repair } from './types.js';

const nameKeys = ['name', 'tool', 'tool_name', 'toolName', 'action', 'function_name', 'recipient_name'];
const argumentKeys = ['arguments', 'parameters', 'args', 'input', 'tool_input', 'action_input', 'params'];
const finalKeys = ['final_answer', 'finalAnswer', 'Final Answer'];

export interface JsonCalls {
  calls: ParsedToolCall[];
  errors: ParseError[];
  finalAnswer?: string;
  /** False when the value has no call or answer shape at all (a JSON value in prose). */
  matched: boolean;
}

export function callsFromJson(
  value: unknown,
  raw: string,
  format: CallFormat,
  context: ParseContext,
  envelopeRepairs: Repair[] = [],
): JsonCalls {
  const out: JsonCalls = { calls: [], errors: [], matched: false };
  const items = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { tool_calls?: unknown }).tool_calls)
      ? ((value as { tool_calls: unknown[] }).tool_calls as unknown[])
      : [value];
  for (const item of items) {
    const one = callFromObject(item, raw, format, context, envelopeRepairs);
    if (!one) continue;
    out.matched = true;
    if ('finalAnswer' in one) out.finalAnswer = one.finalAnswer;
    else if ('error' in one) out.errors.push(one.error);
    else out.calls.push(one.call);
  }
  return out;
}

type OneResult = { call: ParsedToolCall } | { error: ParseError } | { finalAnswer: string };

function callFromObject(
  value: unknown,
  raw: string,
  format: CallFormat,
  context: ParseContext,
  envelopeRepairs: Repair[],
): OneResult | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  if (object.function && typeof object.function === 'object')
    return callFromObject(object.function, raw, format, context, envelopeRepairs);
  const nameKey = nameKeys.find(
    (key) => typeof object[key] === 'string' && (object[key] as string).trim() !== '',
  );
  if (!nameKey) {
    const finalKey = finalKeys.find((key) => key in object);
    return finalKey ? { finalAnswer: answerText(object[finalKey]) } : undefined;
  }
  const written = (object[nameKey] as string).trim().replace(/^functions\./, '');
  const argumentKey = argumentKeys.find((key) => key in object);
  // LangChain's JSON-blob ReAct: {"action": "Final Answer", "action_input": "..."} is the answer.
  if (/^final[ _]?answer$/i.test(written) && !context.resolve(written).tool) {
    return { finalAnswer: answerText(argumentKey ? object[argumentKey] : '') };
  }
  return finishCall(
    written,
    argumentKey ? object[argumentKey] : undefined,
    raw,
    format,
    context,
    envelopeRepairs,
  );
}

/** One call from a name and its arguments as written (text to parse, or an already parsed value). */
export function finishCall(
  written: string,
  rawArguments: unknown,
  raw: string,
  format: CallFormat,
  context: ParseContext,
  envelopeRepairs: Repair[] = [],
): { call: ParsedToolCall } | { error: ParseError } {
  const resolved = context.resolve(written);
  const repairs: Repair[] = [...envelopeRepairs];
  if (resolved.normalised)
    repairs.push({ kind: 'tool-name-normalised', detail: `'${written}' read as '${resolved.name}'` });
  let input: Record<string, unknown>;
  if (rawArguments === undefined || rawArguments === null) input = {};
  else if (typeof rawArguments === 'string') {
    const parsed = parseArguments(rawArguments, resolved.tool);
    if (!parsed.ok) return { error: argumentError(parsed, resolved.name, raw, format) };
    repairs.push(...parsed.repairs);
    input = parsed.value;
  } else if (typeof rawArguments === 'object' && !Array.isArray(rawArguments)) {
    input = rawArguments as Record<string, unknown>;
  } else {
    const scalar = scalarArguments(rawArguments, resolved.tool, repairs);
    if (!scalar.ok) return { error: argumentError(scalar, resolved.name, raw, format) };
    input = scalar.value;
  }
  return { call: { name: resolved.name, input, raw, format, repairs } };
}

export function argumentError(
  failure: { truncated: boolean; message: string },
  name: string | undefined,
  raw: string,
  format: CallFormat,
): ParseError {
  return {
    kind: failure.truncated ? 'truncated' : 'invalid-arguments',
    message: `${name ? `The call to '${name}'` : 'A tool call'} could not be read: ${
      failure.truncated && !/cut off/.test(failure.message)
        ? `it is cut off (${failure.message}); nothing was run`
        : failure.message
    }.`,
    raw,
    format,
    ...(name ? { name } : {}),
  };
}

function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
