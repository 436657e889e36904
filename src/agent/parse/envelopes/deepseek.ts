// DeepSeek's full-width-bar tokens. V3/R1: <｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{...}\n```<｜tool▁call▁end｜>;
// V3.1+: <｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{...}<｜tool▁call▁end｜>; all inside <｜tool▁calls▁begin｜>...<｜tool▁calls▁end｜>.
// The same tokens written with ASCII bars or underscores (as some servers decode them) are accepted.
import { finishCall } from '../call-shapes.js';
import type { Candidate, EnvelopeReader } from '../types.js';

const token = (word: string) => `<(?:｜tool[▁_ ]${word}｜|\\|tool▁${word.replaceAll('[▁_ ]', '▁')}\\|)>`;
const callBegin = new RegExp(token('call[▁_ ]begin'), 'g');
const sep = new RegExp(token('sep'));
const callEnd = new RegExp(token('call[▁_ ]end'));
const sectionBegin = new RegExp(`${token('calls[▁_ ]begin')}\\s*$`);
const sectionEnd = new RegExp(`^\\s*${token('calls[▁_ ]end')}`);

export const readDeepSeek: EnvelopeReader = (text, context) => {
  if (!/tool[▁_ ]call[▁_ ]begin[｜|]/.test(text) || !/｜|▁/.test(text)) return [];
  const found: Candidate[] = [];
  const begins = [...text.matchAll(callBegin)];
  for (const [index, match] of begins.entries()) {
    const bodyStart = match.index + match[0].length;
    const next = index + 1 < begins.length ? begins[index + 1].index : text.length;
    const segment = text.slice(bodyStart, next);
    const close = callEnd.exec(segment);
    const body = close
      ? segment.slice(0, close.index)
      : segment.replace(new RegExp(`${token('calls[▁_ ]end')}[\\s\\S]*$`), '');
    let end = close ? bodyStart + close.index + close[0].length : next;
    const tail = sectionEnd.exec(text.slice(end));
    if (tail) end += tail[0].length;
    const head = sectionBegin.exec(text.slice(Math.max(0, match.index - 40), match.index));
    const start = head ? match.index - head[0].length : match.index;
    const raw = text.slice(start, end);
    const split = sep.exec(body);
    if (!split) {
      found.push({
        format: 'deepseek',
        start,
        end,
        calls: [],
        errors: [
          {
            kind: 'truncated',
            message: 'A tool call is cut off before its arguments; nothing was run.',
            raw,
            format: 'deepseek',
          },
        ],
      });
      continue;
    }
    const left = body.slice(0, split.index).trim();
    let right = body.slice(split.index + split[0].length);
    let name = left;
    if (left === 'function' || left === '') {
      const line = /^\s*([^\n`{]+)\s*/.exec(right);
      name = line ? line[1].trim() : '';
      right = right.slice(line ? line[0].length : 0);
    }
    // V3 wraps the arguments in a ```json fence (the format, not a repair); a cut-off fence is left
    // to the JSON reader, which finds the cut.
    const fenced = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/.exec(right);
    const args = fenced ? fenced[1] : right.replace(/^\s*```(?:json)?\s*/, '');
    const result = finishCall(name, close ? args : args.trim() === '' ? '{' : args, raw, 'deepseek', context);
    found.push(
      'call' in result
        ? { format: 'deepseek', start, end, calls: [result.call], errors: [] }
        : { format: 'deepseek', start, end, calls: [], errors: [result.error] },
    );
  }
  return found;
};
