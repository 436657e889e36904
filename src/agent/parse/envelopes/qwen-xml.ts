// Qwen3-Coder XML: <tool_call><function=NAME><parameter=KEY>value</parameter>...</function></tool_call>,
// with or without the <tool_call> wrapper; and Llama 3.2's <function=NAME>{json}</function>. Values
// are typed by the tool's schema (a string parameter stays text; numbers, booleans, objects parsed;
// Python literals accepted). A missing </parameter> before the next tag is a recorded repair; a
// value the text ends inside is a truncated call, never run.
import { finishCall } from '../call-shapes.js';
import { readValue } from '../read-value.js';
import { schemaView } from '../tool-schema.js';
import type { Candidate, EnvelopeReader, ParseContext, Repair } from '../types.js';
import { skipSpace } from './json-body.js';

const functionOpen = /<function[=\s]+["']?([^>"'\s]+)["']?\s*>/g;
const parameterOpen = /<parameter[=\s]+["']?([^>"'\n]+?)["']?\s*>/g;

export const readQwenXml: EnvelopeReader = (text, context) => {
  if (!text.includes('<function')) return [];
  const found: Candidate[] = [];
  for (const match of text.matchAll(functionOpen)) {
    const tagStart = match.index;
    const wrapperStart = /<tool_call>\s*$/.exec(text.slice(Math.max(0, tagStart - 40), tagStart));
    const start = wrapperStart ? tagStart - wrapperStart[0].length : tagStart;
    const bodyStart = tagStart + match[0].length;
    const closeAt = text.indexOf('</function>', bodyStart);
    const nextFunction = text.indexOf('<function', bodyStart);
    const stop = [closeAt, nextFunction].filter((i) => i >= 0);
    const limit = stop.length > 0 ? Math.min(...stop) : text.length;
    const closed = closeAt >= 0 && closeAt === limit;
    let end = closed ? closeAt + '</function>'.length : limit;
    const wrapperEnd = /^\s*<\/tool_call>/.exec(text.slice(end));
    if (wrapperEnd) end += wrapperEnd[0].length;
    const raw = text.slice(start, end);
    const repairs: Repair[] = [];
    const first = skipSpace(text, bodyStart);
    if (text[first] === '{') {
      // Llama 3.2 custom format: a JSON object of arguments inside the tag.
      const read = readValue(text, first);
      const body = text.slice(first, read.ok ? read.end : limit);
      if (read.ok && !closed)
        repairs.push({ kind: 'missing-close-tag', detail: 'no </function> after the call' });
      const result = finishCall(match[1], body, raw, 'qwen-xml', context, repairs);
      found.push(candidate(start, end, result));
      continue;
    }
    const parameters = readParameters(text.slice(bodyStart, limit), closed, match[1], context, repairs);
    if ('error' in parameters) {
      found.push({
        format: 'qwen-xml',
        start,
        end,
        calls: [],
        errors: [
          {
            kind: parameters.truncated ? 'truncated' : 'invalid-arguments',
            message: parameters.error,
            raw,
            format: 'qwen-xml',
            name: context.resolve(match[1]).name,
          },
        ],
      });
      continue;
    }
    if (!closed && parameters.count > 0)
      repairs.push({ kind: 'missing-close-tag', detail: 'no </function> after the last parameter' });
    found.push(
      candidate(start, end, finishCall(match[1], parameters.value, raw, 'qwen-xml', context, repairs)),
    );
  }
  return found;
};

function candidate(start: number, end: number, result: ReturnType<typeof finishCall>): Candidate {
  return 'call' in result
    ? { format: 'qwen-xml', start, end, calls: [{ ...result.call, span: [start, end] }], errors: [] }
    : { format: 'qwen-xml', start, end, calls: [], errors: [{ ...result.error, span: [start, end] }] };
}

function readParameters(
  body: string,
  closed: boolean,
  name: string,
  context: ParseContext,
  repairs: Repair[],
): { value: Record<string, unknown>; count: number } | { error: string; truncated: boolean } {
  const tool = context.resolve(name).tool;
  const schema = schemaView(tool?.inputSchema);
  const value: Record<string, unknown> = {};
  const opens = [...body.matchAll(parameterOpen)];
  if (opens.length === 0) {
    const rest = body.replace(/<\/?tool_call>/g, '').trim();
    if (rest === '') return { value, count: 0 };
    return {
      error: `The call to '${name}' could not be read: its body is neither <parameter=...> tags nor a JSON object.`,
      truncated: false,
    };
  }
  const leading = body.slice(0, opens[0].index).trim();
  if (leading !== '')
    return { error: `The call to '${name}' has text before its first <parameter> tag.`, truncated: false };
  for (const [index, open] of opens.entries()) {
    const from = open.index + open[0].length;
    const next = index + 1 < opens.length ? opens[index + 1].index : body.length;
    const segment = body.slice(from, next);
    const closeAt = segment.indexOf('</parameter>');
    let raw: string;
    if (closeAt >= 0) {
      raw = segment.slice(0, closeAt);
      if (
        segment
          .slice(closeAt + '</parameter>'.length)
          .replace(/<\/?tool_call>/g, '')
          .trim() !== ''
      )
        return { error: `The call to '${name}' has text between its parameters.`, truncated: false };
    } else if (index + 1 < opens.length || closed) {
      raw = segment.replace(/<\/tool_call>\s*$/, '');
      repairs.push({ kind: 'missing-parameter-close', detail: `no </parameter> after '${open[1]}'` });
    } else {
      return {
        error: `The call to '${name}' is cut off inside its parameter '${open[1]}'; nothing was run. Send the whole call again.`,
        truncated: true,
      };
    }
    const typed = typeValue(
      raw.replace(/^\n/, '').replace(/\n$/, ''),
      schema.typeOf(open[1].trim()),
      repairs,
    );
    value[open[1].trim()] = typed;
  }
  return { value, count: opens.length };
}

function typeValue(raw: string, type: string | undefined, repairs: Repair[]): unknown {
  if (type === 'string') return raw;
  const trimmed = raw.trim();
  if (type === undefined && !/^[[{]/.test(trimmed)) {
    // Without a schema only unambiguous literals are converted.
    if (/^(?:true|false|null|-?\d+(?:\.\d+)?)$/.test(trimmed)) return JSON.parse(trimmed);
    return raw;
  }
  if (type === 'boolean' && /^(?:true|false|True|False)$/.test(trimmed))
    return trimmed.toLowerCase() === 'true';
  const read = readValue(trimmed, 0, { tuples: true });
  if (read.ok && read.end === trimmed.length) {
    for (const kind of read.repairs) repairs.push({ kind, detail: `a parameter value written with ${kind}` });
    return read.value;
  }
  return raw; // schema validation tells the model what was expected
}
