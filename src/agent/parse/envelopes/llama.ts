// Llama 3.1+: <|python_tag|> followed by JSON calls ({"name", "parameters"}, several separated by ';')
// or a built-in tool call `brave_search.call(query="x")`, ending at <|eom_id|> / <|eot_id|>.
import type { Candidate, EnvelopeReader } from '../types.js';
import { jsonBody, skipSpace } from './json-body.js';
import { readPythonic } from './pythonic.js';

const marker = '<|python_tag|>';

export const readLlama: EnvelopeReader = (text, context) => {
  const at = text.indexOf(marker);
  if (at < 0) return [];
  const endToken = /<\|eom_id\|>|<\|eot_id\|>/.exec(text.slice(at));
  const limit = endToken ? at + endToken.index : text.length;
  const end = endToken ? limit + endToken[0].length : limit;
  const found: Candidate = { format: 'llama', start: at, end, calls: [], errors: [] };
  let index = skipSpace(text, at + marker.length);
  while (index < limit) {
    if (text[index] === '{' || text[index] === '[') {
      const first = skipSpace(text, index + 1);
      if (text[index] === '[' && /[A-Za-z_]/.test(text[first] ?? '')) {
        const read = readPythonic(text.slice(0, limit), index, 'llama', context);
        if (!read) break;
        found.calls.push(...read.calls);
        found.errors.push(...read.errors);
        index = read.end;
      } else {
        const read = jsonBody(text, index, limit, 'llama', context, []);
        found.calls.push(...read.calls);
        found.errors.push(...read.errors);
        index = read.end;
      }
    } else {
      const read = readPythonic(text.slice(0, limit), index, 'llama', context);
      if (!read) break;
      found.calls.push(...read.calls);
      found.errors.push(...read.errors);
      index = read.end;
    }
    index = skipSpace(text, index);
    if (text[index] === ';') index = skipSpace(text, index + 1);
  }
  if (found.calls.length === 0 && found.errors.length === 0) {
    found.errors.push({
      kind: 'unrecognised-call',
      message: `The text after ${marker} is not a tool call.`,
      raw: text.slice(at, end),
      format: 'llama',
    });
  }
  return [found];
};
