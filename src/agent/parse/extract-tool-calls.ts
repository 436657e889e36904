// Recovers tool calls written as text, in the forms real models emit: Hermes/Qwen <tool_call> tags,
// Llama 3.1 <|python_tag|>, Llama 3.2 <function=name>{...}</function>, Mistral [TOOL_CALLS] (both
// the JSON-array and the name{args} forms), fenced JSON, and bare call objects mixed with prose.
import { findJsonEnd } from './find-json-end.js';
import { callsFromValue, type ParsedToolCall } from './normalise-call.js';
import { parseLooseJson } from './parse-loose-json.js';

export interface ExtractedToolCalls {
  calls: ParsedToolCall[];
  /** The text with the calls cut out (what the model said besides calling tools). */
  prose: string;
}

export interface ExtractOptions {
  /** Known tool names: a bare JSON object in prose counts as a call only if it names one, or has arguments. */
  toolNames?: readonly string[];
}

type Extractor = (text: string, options: ExtractOptions) => ExtractedToolCalls | undefined;

export function extractToolCalls(text: string, options: ExtractOptions = {}): ExtractedToolCalls {
  for (const extractor of [mistral, hermes, llamaFunctionTag, pythonTag, fenced, bareJson]) {
    const found = extractor(text, options);
    if (found && found.calls.length > 0) return found;
  }
  return { calls: [], prose: text };
}

function parseCalls(json: string, raw: string): ParsedToolCall[] {
  const parsed = parseLooseJson(json);
  return parsed.ok ? callsFromValue(parsed.value, raw) : [];
}

const mistral: Extractor = (text) => {
  const marker = '[TOOL_CALLS]';
  const first = text.indexOf(marker);
  if (first < 0) return undefined;
  const calls: ParsedToolCall[] = [];
  for (const segment of text.slice(first).split(marker).slice(1)) {
    const body = segment.trimStart();
    if (body.startsWith('[') || body.startsWith('{')) {
      const end = findJsonEnd(body, 0);
      calls.push(...parseCalls(body.slice(0, end), `${marker}${segment}`));
      continue;
    }
    // v11+ tokenizers: [TOOL_CALLS]name{...} or [TOOL_CALLS]name[ARGS]{...} (optionally [CALL_ID]id).
    const match = /^([a-zA-Z0-9_.-]+)(?:\[CALL_ID\][^[{]*)?(?:\[ARGS\])?\s*/.exec(body);
    if (!match) continue;
    const argsStart = match[0].length;
    if (body[argsStart] !== '{') continue;
    const end = findJsonEnd(body, argsStart);
    calls.push(
      ...callsFromValue({ name: match[1], arguments: body.slice(argsStart, end) }, `${marker}${segment}`),
    );
  }
  return { calls, prose: text.slice(0, first).trim() };
};

const hermes: Extractor = (text) => {
  if (!text.includes('<tool_call>')) return undefined;
  const calls: ParsedToolCall[] = [];
  // The closing tag is optional: models often stop generating right after the JSON.
  const pattern = /<tool_call>([\s\S]*?)(?:<\/tool_call>|(?=<tool_call>)|$)/g;
  for (const match of text.matchAll(pattern)) {
    const body = match[1].trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
    calls.push(...parseCalls(body, match[0]));
  }
  return { calls, prose: text.replace(pattern, '').trim() };
};

const llamaFunctionTag: Extractor = (text) => {
  if (!text.includes('<function')) return undefined;
  const calls: ParsedToolCall[] = [];
  const pattern = /<function[=\s]+["']?([a-zA-Z0-9_.-]+)["']?\s*>([\s\S]*?)(?:<\/function>|$)/g;
  for (const match of text.matchAll(pattern)) {
    calls.push(...callsFromValue({ name: match[1], arguments: match[2].trim() || '{}' }, match[0]));
  }
  return { calls, prose: text.replace(pattern, '').trim() };
};

const pythonTag: Extractor = (text) => {
  const marker = '<|python_tag|>';
  const start = text.indexOf(marker);
  if (start < 0) return undefined;
  const body = text
    .slice(start + marker.length)
    .replace(/<\|eom_id\|>|<\|eot_id\|>/g, '')
    .trim();
  const calls: ParsedToolCall[] = [];
  // Several JSON calls may be separated by ';' (Llama 3.1 template).
  let index = 0;
  while (index < body.length) {
    const open = body.slice(index).search(/[[{]/);
    if (open < 0) break;
    const from = index + open;
    const end = findJsonEnd(body, from);
    calls.push(...parseCalls(body.slice(from, end), body.slice(from, end)));
    index = end;
  }
  if (calls.length === 0) calls.push(...pythonicCalls(body));
  return { calls, prose: text.slice(0, start).trim() };
};

/** Built-in tool form `brave_search.call(query="x")` and pythonic `[get_weather(city='Paris')]`. */
function pythonicCalls(body: string): ParsedToolCall[] {
  const calls: ParsedToolCall[] = [];
  for (const match of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)(?:\.call)?\(([^()]*)\)/g)) {
    const input: Record<string, unknown> = {};
    for (const argument of match[2].matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,]+)/g,
    )) {
      const parsed = parseLooseJson(argument[2].trim());
      input[argument[1]] = parsed.ok ? parsed.value : argument[2].trim();
    }
    calls.push({ name: match[1], input, raw: match[0] });
  }
  return calls;
}

const fenced: Extractor = (text) => {
  const pattern = /```(?:json|tool_call|tool_code|javascript)?\s*\n?([\s\S]*?)```/g;
  const calls: ParsedToolCall[] = [];
  let prose = text;
  for (const match of text.matchAll(pattern)) {
    const found = parseCalls(match[1], match[0]);
    if (found.length > 0) {
      calls.push(...found);
      prose = prose.replace(match[0], '');
    }
  }
  return { calls, prose: prose.trim() };
};

const bareJson: Extractor = (text, { toolNames }) => {
  const calls: ParsedToolCall[] = [];
  let prose = '';
  let index = 0;
  while (index < text.length) {
    const open = text.slice(index).search(/[[{]/);
    if (open < 0) break;
    const from = index + open;
    const end = findJsonEnd(text, from);
    const raw = text.slice(from, end);
    const found = parseCalls(raw, raw).filter(
      (call) => !toolNames || toolNames.includes(call.name) || hasArgumentsKey(raw),
    );
    if (found.length > 0) {
      calls.push(...found);
      prose += text.slice(index, from);
      index = end;
    } else {
      prose += text.slice(index, from + 1);
      index = from + 1;
    }
  }
  prose += text.slice(index);
  return { calls, prose: prose.trim() };
};

function hasArgumentsKey(raw: string): boolean {
  return /["']?(arguments|parameters|tool_input|action_input|args)["']?\s*:/.test(raw);
}
