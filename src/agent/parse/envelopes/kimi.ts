// Kimi K2: <|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:0<|tool_call_argument_begin|>
// {...}<|tool_call_end|>...<|tool_calls_section_end|>.
import { finishCall } from '../call-shapes.js';
import type { Candidate, EnvelopeReader } from '../types.js';

const begin = '<|tool_call_begin|>';
const argumentBegin = '<|tool_call_argument_begin|>';
const callEnd = '<|tool_call_end|>';

export const readKimi: EnvelopeReader = (text, context) => {
  if (!text.includes(begin)) return [];
  const found: Candidate[] = [];
  let at = text.indexOf(begin);
  while (at >= 0) {
    const next = text.indexOf(begin, at + begin.length);
    const endAt = text.indexOf(callEnd, at);
    const closed = endAt >= 0 && (next < 0 || endAt < next);
    const limit = closed ? endAt : next >= 0 ? next : text.length;
    let end = closed ? endAt + callEnd.length : limit;
    const sectionEnd = /^\s*<\|tool_calls_section_end\|>/.exec(text.slice(end));
    if (sectionEnd) end += sectionEnd[0].length;
    const sectionStart = /<\|tool_calls_section_begin\|>\s*$/.exec(text.slice(Math.max(0, at - 40), at));
    const start = sectionStart ? at - sectionStart[0].length : at;
    const body = text.slice(at + begin.length, limit);
    const split = body.indexOf(argumentBegin);
    const raw = text.slice(start, end);
    const name = (split >= 0 ? body.slice(0, split) : body)
      .trim()
      .replace(/^functions\./, '')
      .replace(/:\d+$/, '');
    if (split < 0 || !name) {
      found.push({
        format: 'kimi',
        start,
        end,
        calls: [],
        errors: [
          {
            kind: 'truncated',
            message: `The call${name ? ` to '${name}'` : ''} is cut off before its arguments; nothing was run.`,
            raw,
            format: 'kimi',
            ...(name ? { name } : {}),
          },
        ],
      });
    } else {
      const args = body.slice(split + argumentBegin.length);
      const result = finishCall(name, closed || args.trim() !== '' ? args : '{', raw, 'kimi', context);
      found.push(
        'call' in result
          ? { format: 'kimi', start, end, calls: [result.call], errors: [] }
          : { format: 'kimi', start, end, calls: [], errors: [result.error] },
      );
    }
    at = next;
  }
  return found;
};
