// Mistral: [TOOL_CALLS][{"name": ..., "arguments": {...}}] (v3), [TOOL_CALLS]name{...} (v11+),
// [TOOL_CALLS]name[ARGS]{...} (Magistral, Devstral), each call after its own marker. Servers often
// strip the first [TOOL_CALLS]: a reply that starts with `known_tool[ARGS]{` or `known_tool{` is read
// too (a recorded repair), so calls before a later marker are not dropped.
import { finishCall } from '../call-shapes.js';
import { readValue } from '../read-value.js';
import type { Candidate, EnvelopeReader, ParseContext, Repair } from '../types.js';
import { jsonBody, skipSpace } from './json-body.js';

const marker = '[TOOL_CALLS]';
const nameForm = /^([A-Za-z_][\w.-]*)(?:\[CALL_ID\][^[{]*)?(\[ARGS\])?\s*(?=\{)/;

export const readMistral: EnvelopeReader = (text, context) => {
  const found: Candidate[] = [];
  const first = text.indexOf(marker);
  // A marker-less call at the start of the reply (the server ate the first marker).
  const lead = skipSpace(text, 0);
  if (lead < (first >= 0 ? first : text.length)) {
    const match = nameForm.exec(text.slice(lead, lead + 200));
    if (match && (match[2] || context.resolve(match[1]).tool) && context.resolve(match[1]).tool) {
      found.push(
        nameCall(text, lead, match, first >= 0 ? first : text.length, context, [
          { kind: 'missing-marker', detail: `no ${marker} before the call` },
        ]),
      );
    }
  }
  let at = first;
  while (at >= 0) {
    const next = text.indexOf(marker, at + marker.length);
    const limit = next >= 0 ? next : text.length;
    const body = skipSpace(text, at + marker.length);
    if (text[body] === '[' || text[body] === '{') {
      const read = jsonBody(text, body, limit, 'mistral', context, []);
      found.push({ format: 'mistral', start: at, end: read.end, calls: read.calls, errors: read.errors });
    } else {
      const match = nameForm.exec(text.slice(body, body + 200));
      if (match) found.push(nameCall(text, body, match, limit, context, [], at));
    }
    at = next;
  }
  return found;
};

function nameCall(
  text: string,
  from: number,
  match: RegExpExecArray,
  limit: number,
  context: ParseContext,
  repairs: Repair[],
  start = from,
): Candidate {
  const argumentsAt = from + match[0].length;
  const read = readValue(text, argumentsAt);
  const end = read.ok ? read.end : limit;
  const raw = text.slice(start, end);
  const result = finishCall(match[1], text.slice(argumentsAt, end), raw, 'mistral', context, repairs);
  return 'call' in result
    ? { format: 'mistral', start, end, calls: [result.call], errors: [] }
    : { format: 'mistral', start, end, calls: [], errors: [result.error] };
}
