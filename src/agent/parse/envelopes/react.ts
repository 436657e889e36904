// ReAct text: Thought / Action / Action Input / Observation / Final Answer, in the variants models
// write: arguments in parentheses on the Action line with no Action Input, a plain-text Action Input,
// a JSON blob ({"action": ..., "action_input": ...}) after "Action:", tool names with spaces, and
// special tokens glued after the input. Only actions before the first Observation are read (later
// ones answer an observation the model invented), and a Final Answer written after an action is
// dropped (the model has not seen the action's result yet).
import { argumentError, finishCall } from '../call-shapes.js';
import type { Candidate, EnvelopeReader, ParseContext, Repair } from '../types.js';
import { jsonBody, skipSpace } from './json-body.js';
import { readCallArguments } from './pythonic.js';

const actionLine = /^[ \t*]*Action[ \t]*\d*[ \t*]*:[ \t]*(.*)$/gim;
const inputLine = /^[ \t*]*Action[ \t_]*\d*[ \t]*Input[ \t]*\d*[ \t*]*:[ \t*]*/im;
const sectionStart = /^[ \t*]*(?:Observation|Thought|Action[ \t]*\d*[ \t]*:|Final[ \t]*Answer)/im;
const observation = /^[ \t*]*Observation[ \t]*\d*[ \t*]*:/im;
const finalAnswer = /^[ \t*]*Final[ \t_]*Answer[ \t*]*:[ \t*]*/im;

export const readReact: EnvelopeReader = (text, context) => {
  const hasAction = /Action/i.test(text);
  const final = finalAnswer.exec(text);
  if (!hasAction && !final) return [];
  const stop = observation.exec(text);
  const horizon = stop ? stop.index : text.length;
  const found: Candidate[] = [];
  if (hasAction) {
    for (const match of text.slice(0, horizon).matchAll(actionLine)) {
      if (final && final.index < match.index) break;
      const candidate = readAction(text, match, horizon, context);
      if (candidate) found.push(candidate);
    }
  }
  if (found.length === 0) {
    if (final)
      found.push({
        format: 'react',
        start: final.index,
        end: text.length,
        calls: [],
        errors: [],
        finalAnswer: text.slice(final.index + final[0].length).trim(),
      });
    return found;
  }
  const notes: Repair[] = [];
  if (stop)
    notes.push({
      kind: 'hallucinated-observation-dropped',
      detail: 'text from the first Observation on was ignored',
    });
  if (final && final.index > found[0].start)
    notes.push({ kind: 'final-answer-dropped', detail: 'a Final Answer written before the action had run' });
  if (notes.length > 0) {
    found[found.length - 1].end = text.length;
    found[0].repairs = notes;
  }
  return found;
};

function readAction(
  text: string,
  match: RegExpExecArray,
  horizon: number,
  context: ParseContext,
): Candidate | undefined {
  const start = match.index;
  const lineEnd = start + match[0].length;
  let line = match[1].trim().replace(/[`*]+/g, '').trim();
  const rest = text.slice(lineEnd, horizon);
  const input = inputLine.exec(rest);
  // A JSON blob after "Action:" (LangChain structured chat): {"action": ..., "action_input": ...}.
  if (line === '' || line.startsWith('{') || line.startsWith('```')) {
    const at = line === '' ? skipSpace(text, lineEnd) : start + match[0].indexOf(line[0]);
    let from = at;
    const fence = /^```(?:json)?\s*/.exec(text.slice(at, at + 12));
    if (fence) from = skipSpace(text, at + fence[0].length);
    if (text[from] !== '{' && text[from] !== '[') return undefined;
    const read = jsonBody(text, from, horizon, 'react', context, []);
    if (!read.matched) return undefined;
    let end = read.end;
    const close = /^\s*```/.exec(text.slice(end));
    if (fence && close) end += close[0].length;
    return {
      format: 'react',
      start,
      end,
      calls: read.calls,
      errors: read.errors,
      finalAnswer: read.finalAnswer,
    };
  }
  line = line.replace(/^["'[]|["'\]]$/g, '');
  const paren = /^([^(]+?)\s*\(([\s\S]*)\)\s*$/.exec(line);
  let written = paren ? paren[1].trim() : line;
  written = written.replace(/^["'[]+|["'\]]+$/g, '').trim();
  if (/^final[ _]?answer$/i.test(written)) return undefined;
  const resolved = context.resolve(written);
  // Outside the ReAct protocol an "Action:" line counts only for a known tool or with an input line.
  if (!resolved.tool && !input && context.tools.length > 0 && !paren) return undefined;
  if (!resolved.tool && context.tools.length > 0 && !/^[\w.-]+$/.test(written) && !input) return undefined;
  let args: string | undefined;
  let end = lineEnd;
  const repairs: Repair[] = [];
  if (input && skipSpace(rest, 0) >= input.index) {
    const from = input.index + input[0].length;
    const section = sectionStart.exec(rest.slice(from));
    const to = section ? from + section.index : rest.length;
    args = rest.slice(from, to).trim();
    end = lineEnd + to;
  } else if (paren) {
    const inner = paren[2].trim();
    if (inner !== '' && !inner.startsWith('{') && /^[A-Za-z_]\w*\s*=/.test(inner)) {
      const read = readCallArguments(`${inner})`, 0, resolved.name, context);
      if ('error' in read)
        return {
          format: 'react',
          start,
          end,
          calls: [],
          errors: [
            argumentError(
              { truncated: read.truncated, message: read.error },
              resolved.name,
              text.slice(start, end),
              'react',
            ),
          ],
        };
      repairs.push(...read.repairs);
      const result = finishCall(
        written,
        read.value,
        text.slice(start, end).trim(),
        'react',
        context,
        repairs,
      );
      return 'call' in result
        ? { format: 'react', start, end, calls: [result.call], errors: [] }
        : { format: 'react', start, end, calls: [], errors: [result.error] };
    }
    args = inner;
  }
  const raw = text.slice(start, end).trim();
  const result = finishCall(written, args ?? '', raw, 'react', context, repairs);
  return 'call' in result
    ? { format: 'react', start, end, calls: [result.call], errors: [] }
    : { format: 'react', start, end, calls: [], errors: [result.error] };
}
