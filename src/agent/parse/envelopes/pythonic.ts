// Pythonic calls (Llama 3.2, Llama 4, Gemma 3 tool_code): `[get_weather(city='Paris'), get_time()]`
// or one `name(k=v)`. Arguments are read as Python values (lists and dicts stay whole: l=['p','q']),
// positional arguments map to the schema's parameter order when the tool is known.
import { finishCall } from '../call-shapes.js';
import { readValue } from '../read-value.js';
import { schemaView } from '../tool-schema.js';
import type { CallFormat, ParseContext, ParsedToolCall, ParseError, Repair } from '../types.js';

export interface PythonicRead {
  calls: ParsedToolCall[];
  errors: ParseError[];
  end: number;
}

const callName = /^([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\s*\(/;

/** Reads `[call, ...]` or `call` at `from`; undefined when the text there is not a pythonic call. */
export function readPythonic(
  text: string,
  from: number,
  format: CallFormat,
  context: ParseContext,
  repairs: Repair[] = [],
): PythonicRead | undefined {
  let index = from;
  const list = text[index] === '[';
  if (list) index = skip(text, index + 1);
  const calls: ParsedToolCall[] = [];
  const errors: ParseError[] = [];
  for (;;) {
    const match = callName.exec(text.slice(index, index + 200));
    if (!match) return calls.length > 0 || errors.length > 0 ? { calls, errors, end: index } : undefined;
    const start = index;
    const name = match[1].replace(/\.call$/, '');
    index += match[0].length;
    const args = readCallArguments(text, index, name, context);
    if ('error' in args) {
      const raw = text.slice(start, args.end);
      errors.push({
        kind: args.truncated ? 'truncated' : 'invalid-arguments',
        message: `The call to '${name}' could not be read: ${args.error}.`,
        raw,
        format,
        name: context.resolve(name).name,
      });
      return { calls, errors, end: args.truncated ? text.length : args.end };
    }
    index = args.end;
    const raw = text.slice(start, index);
    const result = finishCall(name, args.value, raw, format, context, [...repairs, ...args.repairs]);
    if ('call' in result) calls.push({ ...result.call, span: [start, index] });
    else errors.push(result.error);
    if (!list) return { calls, errors, end: index };
    index = skip(text, index);
    if (text[index] === ',') {
      index = skip(text, index + 1);
      continue;
    }
    if (text[index] === ']') return { calls, errors, end: index + 1 };
    if (index >= text.length) {
      errors.push({
        kind: 'truncated',
        message: 'The list of calls is cut off; only complete calls were read.',
        raw: text.slice(from),
        format,
      });
      return { calls, errors, end: index };
    }
    return { calls, errors, end: index };
  }
}

export function readCallArguments(
  text: string,
  from: number,
  name: string,
  context: ParseContext,
):
  | { value: Record<string, unknown>; end: number; repairs: Repair[] }
  | { error: string; truncated: boolean; end: number } {
  const value: Record<string, unknown> = {};
  const positional: unknown[] = [];
  const repairs: Repair[] = [];
  let index = skip(text, from);
  while (text[index] !== ')') {
    if (index >= text.length) return { error: 'the argument list is cut off', truncated: true, end: index };
    const keyword = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(text.slice(index, index + 100));
    if (keyword) index = skip(text, index + keyword[0].length);
    const read = readValue(text, index, { tuples: true });
    if (!read.ok) return { error: read.message, truncated: read.truncated, end: read.at };
    for (const kind of read.repairs)
      if (kind !== 'python-literals' && kind !== 'single-quotes')
        repairs.push({ kind, detail: `an argument written with ${kind}` });
    if (keyword) value[keyword[1]] = read.value;
    else positional.push(read.value);
    index = skip(text, read.end);
    if (text[index] === ',') index = skip(text, index + 1);
    else if (text[index] !== ')') {
      if (index >= text.length) return { error: 'the argument list is cut off', truncated: true, end: index };
      return { error: `unexpected '${text[index]}' in the arguments`, truncated: false, end: index };
    }
  }
  if (positional.length > 0) {
    const keys = schemaView(context.resolve(name).tool?.inputSchema).keys.filter((key) => !(key in value));
    if (keys.length < positional.length)
      return {
        error: 'positional arguments cannot be matched to parameter names; name them (key=value)',
        truncated: false,
        end: index + 1,
      };
    positional.forEach((item, i) => {
      value[keys[i]] = item;
    });
    repairs.push({
      kind: 'positional-arguments',
      detail: `positional arguments taken as ${keys.slice(0, positional.length).join(', ')}`,
    });
  }
  return { value, end: index + 1, repairs };
}

function skip(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text[index])) index++;
  return index;
}

/** Pythonic calls written bare in prose: `[known_tool(...)...]` anywhere, or a line that is only `known_tool(...)`. */
export function readBarePythonic(text: string, context: ParseContext) {
  const found: { start: number; read: PythonicRead }[] = [];
  if (!text.includes('(')) return found;
  const pattern = /(\[\s*)?([A-Za-z_][\w.]*)\s*\(/g;
  let match: RegExpExecArray | null = pattern.exec(text);
  while (match) {
    const name = match[2].replace(/\.call$/, '');
    const atLineStart = /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, match.index - 200), match.index));
    if (context.resolve(name).tool && (match[1] || atLineStart)) {
      const read = readPythonic(text, match.index, 'pythonic', context);
      const lineEnd = /^[ \t]*(?:\n|$)/.test(text.slice(read?.end ?? 0));
      if (read && (match[1] || lineEnd || read.errors.length > 0)) {
        found.push({ start: match.index, read });
        pattern.lastIndex = Math.max(read.end, match.index + 1);
      }
    }
    match = pattern.exec(text);
  }
  return found;
}
