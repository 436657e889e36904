// Hermes / Qwen2.5 / Qwen3: <tool_call>{"name": ..., "arguments": {...}}</tool_call>. The JSON is read
// as JSON (a literal "</tool_call>" inside a string does not end it); a missing closing tag is a
// recorded repair when the object itself is complete. Qwen3-Coder's XML body is left to qwen-xml.
import type { Candidate, EnvelopeReader, Repair } from '../types.js';
import { jsonBody, skipSpace } from './json-body.js';

const open = '<tool_call>';
const close = '</tool_call>';

export const readHermes: EnvelopeReader = (text, context) => {
  const found: Candidate[] = [];
  let at = text.indexOf(open);
  while (at >= 0) {
    let body = skipSpace(text, at + open.length);
    const repairs: Repair[] = [];
    const fence = /^```(?:json)?\s*|^json\s*(?=[[{])/i.exec(text.slice(body, body + 12));
    if (fence) {
      repairs.push({ kind: 'language-tag-stripped', detail: fence[0].trim() });
      body += fence[0].length;
    }
    const next = text.indexOf(open, body);
    const limit = next >= 0 ? next : text.length;
    if (text[body] !== '{' && text[body] !== '[') {
      at = next;
      continue; // <function=...> bodies (Qwen3-Coder) and others are read elsewhere.
    }
    const read = jsonBody(text, body, limit, 'hermes', context, repairs);
    let end = read.end;
    const after = /^\s*(?:```)?\s*/.exec(text.slice(end))?.[0] ?? '';
    if (text.startsWith(close, end + after.length)) end += after.length + close.length;
    else if (read.errors.length === 0) {
      const note: Repair = { kind: 'missing-close-tag', detail: `no ${close} after the call` };
      for (const call of read.calls) call.repairs?.push(note);
    }
    found.push({
      format: 'hermes',
      start: at,
      end,
      calls: read.calls,
      errors: read.errors,
      finalAnswer: read.finalAnswer,
    });
    at = text.indexOf(open, Math.max(end, at + 1));
  }
  return found;
};
