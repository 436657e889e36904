// Calls in a Markdown code fence: ```json / ```tool_call {...}```, ```tool_code / ```python with
// pythonic calls (Gemma 3's documented form, optionally wrapped in print(...)).
import type { Candidate, EnvelopeReader, Repair } from '../types.js';
import { jsonBody, skipSpace } from './json-body.js';
import { readPythonic } from './pythonic.js';

const fence = /```[ \t]*([A-Za-z_]*)[ \t]*\n?([\s\S]*?)(?:```|$)/g;

export const readFenced: EnvelopeReader = (text, context, claimed) => {
  if (!text.includes('```')) return [];
  const found: Candidate[] = [];
  for (const match of text.matchAll(fence)) {
    if (claimed(match.index) >= 0) continue;
    const language = match[1].toLowerCase();
    const bodyStart = match.index + match[0].indexOf(match[2], 3 + match[1].length);
    const bodyEnd = bodyStart + match[2].length;
    const first = skipSpace(text, bodyStart);
    const repairs: Repair[] = [];
    if (text[first] === '{' || text[first] === '[') {
      const pythonicList = text[first] === '[' && /^\[\s*[A-Za-z_]/.test(text.slice(first, first + 40));
      if (!pythonicList) {
        const read = jsonBody(text, first, bodyEnd, 'fenced', context, repairs);
        if (
          read.matched &&
          (read.calls.length > 0 || read.finalAnswer !== undefined || looksLikeCall(match[2]))
        )
          found.push({
            format: 'fenced',
            start: match.index,
            end: match.index + match[0].length,
            calls: read.calls,
            errors: read.errors,
            finalAnswer: read.finalAnswer,
          });
        continue;
      }
    }
    if (
      language === '' ||
      language === 'tool_code' ||
      language === 'python' ||
      language === 'tool_call' ||
      pythonicStart(text, first)
    ) {
      let from = first;
      const print = /^print\s*\(\s*/.exec(text.slice(first, first + 20));
      if (print) from += print[0].length;
      const read = readPythonic(text.slice(0, bodyEnd), from, 'fenced', context, repairs);
      if (
        read &&
        (read.calls.length > 0 || read.errors.length > 0) &&
        read.calls.every((call) => context.resolve(call.name).tool || language === 'tool_code')
      )
        found.push({
          format: 'fenced',
          start: match.index,
          end: match.index + match[0].length,
          calls: read.calls,
          errors: read.errors,
        });
    }
  }
  return found;
};

function pythonicStart(text: string, at: number): boolean {
  return /^\[\s*[A-Za-z_][\w.]*\s*\(/.test(text.slice(at, at + 80));
}

function looksLikeCall(body: string): boolean {
  return (
    /["'](?:name|tool|action|function)["']\s*:/.test(body) &&
    /["'](?:arguments|parameters|args|action_input|tool_input|input)["']\s*:/.test(body)
  );
}
