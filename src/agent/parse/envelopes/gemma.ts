// Gemma 4: <|tool_call>call:NAME{key:<|"|>text<|"|>,n:42}<tool_call|> (bare keys, <|"|> string
// quotes); FunctionGemma: <start_function_call>call:NAME{key:<escape>text<escape>}<end_function_call>;
// and the parenthesised form call:NAME(key: "v") models also write, with or without the closing marker.
import { finishCall } from '../call-shapes.js';
import { readValue } from '../read-value.js';
import type { Candidate, EnvelopeReader, ParseContext, Repair } from '../types.js';
import { readPythonic } from './pythonic.js';

const envelopes = [
  { open: '<|tool_call>', close: '<tool_call|>', quote: '<|"|>' },
  { open: '<start_function_call>', close: '<end_function_call>', quote: '<escape>' },
];

export const readGemma: EnvelopeReader = (text, context) => {
  const found: Candidate[] = [];
  for (const { open, close, quote } of envelopes) {
    let at = text.indexOf(open);
    while (at >= 0) {
      const next = text.indexOf(open, at + open.length);
      const closeAt = text.indexOf(close, at);
      const closed = closeAt >= 0 && (next < 0 || closeAt < next);
      const limit = closed ? closeAt : next >= 0 ? next : text.length;
      const end = closed ? closeAt + close.length : limit;
      const raw = text.slice(at, end);
      const body = text.slice(at + open.length, limit);
      const repairs: Repair[] = closed
        ? []
        : [{ kind: 'missing-close-tag', detail: `no ${close} after the call` }];
      found.push({ format: 'gemma', start: at, end, ...readBody(body, quote, raw, context, repairs) });
      at = next;
    }
  }
  return found;
};

function readBody(
  body: string,
  quote: string,
  raw: string,
  context: ParseContext,
  repairs: Repair[],
): Pick<Candidate, 'calls' | 'errors'> {
  const match = /^\s*(?:call:)?([A-Za-z_][\w.-]*)\s*([{(])/.exec(body);
  if (!match) {
    return {
      calls: [],
      errors: [
        {
          kind: 'invalid-arguments',
          message: 'A tool call could not be read: expected call:NAME{...}.',
          raw,
          format: 'gemma',
        },
      ],
    };
  }
  const name = match[1];
  const from = match[0].length - 1;
  if (match[2] === '(') {
    // call:NAME(key: "v") or call:NAME(key="v").
    const inner = body.slice(from);
    if (/^\(\s*[A-Za-z_]\w*\s*=/.test(inner) || /^\(\s*\)/.test(inner)) {
      const read = readPythonic(`${name}${inner}`, 0, 'gemma', context, repairs);
      if (read && (read.calls.length > 0 || read.errors.length > 0)) {
        return { calls: read.calls.slice(0, 1).map((c) => ({ ...c, raw })), errors: read.errors };
      }
    }
    const closeAt = matchingParen(inner);
    if (closeAt < 0)
      return {
        calls: [],
        errors: [
          {
            kind: 'truncated',
            message: `The call to '${name}' is cut off; nothing was run.`,
            raw,
            format: 'gemma',
            name,
          },
        ],
      };
    return finish(name, `{${unquote(inner.slice(1, closeAt), quote)}}`, raw, context, repairs);
  }
  return finish(name, unquote(body.slice(from), quote), raw, context, repairs);
}

function finish(
  name: string,
  json: string,
  raw: string,
  context: ParseContext,
  repairs: Repair[],
): Pick<Candidate, 'calls' | 'errors'> {
  const read = readValue(json, 0, { unquotedKeys: true });
  if (!read.ok) {
    return {
      calls: [],
      errors: [
        {
          kind: read.truncated ? 'truncated' : 'invalid-arguments',
          message: `The call to '${name}' could not be read: ${read.message}.`,
          raw,
          format: 'gemma',
          name: context.resolve(name).name,
        },
      ],
    };
  }
  // Bare keys are the format, not a repair.
  for (const kind of read.repairs)
    if (kind !== 'unquoted-keys') repairs.push({ kind, detail: `arguments written with ${kind}` });
  const result = finishCall(name, read.value, raw, 'gemma', context, repairs);
  return 'call' in result ? { calls: [result.call], errors: [] } : { calls: [], errors: [result.error] };
}

/** <|"|>text<|"|> (or <escape>) strings as JSON strings; an unclosed one stays unclosed (truncated). */
function unquote(body: string, quote: string): string {
  let out = '';
  let index = 0;
  for (;;) {
    const open = body.indexOf(quote, index);
    if (open < 0) return out + body.slice(index);
    const close = body.indexOf(quote, open + quote.length);
    if (close < 0)
      return `${out}${body.slice(index, open)}"${body.slice(open + quote.length).replace(/["\\]/g, '\\$&')}`;
    out += body.slice(index, open) + JSON.stringify(body.slice(open + quote.length, close));
    index = close + quote.length;
  }
}

function matchingParen(text: string): number {
  let depth = 0;
  let quoteChar: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoteChar) {
      if (c === '\\') i++;
      else if (c === quoteChar) quoteChar = undefined;
    } else if (c === '"' || c === "'") quoteChar = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
