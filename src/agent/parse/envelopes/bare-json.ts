// Call objects written straight into the text, among prose: a JSON object or list that names a known
// tool or has an arguments key. Other JSON in prose (an example, a config) is left alone; a cut-off
// object that is clearly a call (name and arguments keys) is a truncated call.
import type { Candidate, EnvelopeReader } from '../types.js';
import { jsonBody } from './json-body.js';

const callKeys =
  /["'](?:arguments|parameters|args|action_input|tool_input|input|tool_calls|function)["']\s*:/;
const callStart = /^(?:\[\s*)?\{\s*["']?(?:name|tool|tool_name|action|function|type)["']?\s*:/;
const nameKey = /["'](?:name|tool|tool_name|action|function)["']\s*:\s*["']([^"']+)["']/;

export const readBareJson: EnvelopeReader = (text, context, claimed) => {
  const found: Candidate[] = [];
  let index = 0;
  for (;;) {
    const brace = text.indexOf('{', index);
    const bracket = text.indexOf('[', index);
    const at = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
    if (at < 0) break;
    const taken = claimed(at);
    if (taken >= 0) {
      index = taken;
      continue;
    }
    const window = text.slice(at, at + 400);
    const named = nameKey.exec(window);
    const known = named ? context.resolve(named[1].replace(/^functions\./, '')).tool !== undefined : false;
    if (!named && !/^\{\s*["'](?:final_answer|finalAnswer)["']/.test(window)) {
      index = at + 1;
      continue;
    }
    const read = jsonBody(text, at, text.length, 'json', context, []);
    // A value that does not parse counts only when it is itself a call object (not text like "[note]" before one).
    if (read.errors.length > 0 && !callStart.test(window)) {
      index = at + 1;
      continue;
    }
    const callLike = known || callKeys.test(window) || read.finalAnswer !== undefined;
    if (
      read.matched &&
      callLike &&
      (read.calls.length > 0 || read.errors.length > 0 || read.finalAnswer !== undefined)
    ) {
      found.push({
        format: 'json',
        start: at,
        end: read.end,
        calls: read.calls,
        errors: read.errors,
        finalAnswer: read.finalAnswer,
      });
      index = read.end;
    } else index = at + 1;
  }
  return found;
};
