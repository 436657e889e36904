// One tool call from the many object shapes models and chat templates use:
// {name, arguments}, {name, parameters}, {tool, tool_input}, {action, action_input},
// {function: {name, arguments}}, {type: "function", function: ...}; arguments may be a string.
import { parseLooseJson } from './parse-loose-json.js';

export interface ParsedToolCall {
  name: string;
  input: unknown;
  /** Set when the arguments could not be read as JSON; the loop reports it to the model. */
  inputError?: string;
  /** The text the call was read from, kept for the trace. */
  raw: string;
}

const nameKeys = ['name', 'tool', 'tool_name', 'toolName', 'action', 'function_name', 'recipient_name'];
const argumentKeys = [
  'arguments',
  'parameters',
  'args',
  'input',
  'tool_input',
  'action_input',
  'params',
  'parameter',
];

export function normaliseCall(value: unknown, raw: string): ParsedToolCall | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  if (object.function && typeof object.function === 'object') return normaliseCall(object.function, raw);
  const nameKey = nameKeys.find(
    (key) => typeof object[key] === 'string' && (object[key] as string).trim() !== '',
  );
  if (!nameKey) return undefined;
  const name = (object[nameKey] as string).trim().replace(/^functions\./, '');
  const argumentKey = argumentKeys.find((key) => key in object);
  const rawInput = argumentKey ? object[argumentKey] : typeof object.function === 'string' ? {} : {};
  if (typeof rawInput === 'string') {
    const parsed = parseLooseJson(rawInput);
    if (!parsed.ok)
      return { name, input: rawInput, inputError: `arguments are not valid JSON: ${parsed.error}`, raw };
    return { name, input: parsed.value, raw };
  }
  return { name, input: rawInput ?? {}, raw };
}

/** Calls from a parsed JSON value: one call object or an array of them. */
export function callsFromValue(value: unknown, raw: string): ParsedToolCall[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .map((item) => normaliseCall(item, raw))
    .filter((call): call is ParsedToolCall => call !== undefined);
}
