// A call's arguments as text (a JSON string from a provider, an Action Input, an envelope body) to an
// object, under the strict repair policy: only deviations with one possible reading are repaired,
// each is recorded, and a cut-off or unreadable object is an error, never closed or guessed.
import { readValue } from './read-value.js';
import { singleParameter } from './tool-schema.js';
import type { Repair, ToolShape } from './types.js';

export type ArgumentsResult =
  | { ok: true; value: Record<string, unknown>; repairs: Repair[] }
  | { ok: false; truncated: boolean; message: string };

/** Chat-template control tokens that leak after a call: <|eot_id|>, <|im_end|>, </s>, <｜end▁of▁sentence｜>. */
export const trailingSpecialTokens =
  /(?:\s*(?:<\|[A-Za-z_]+\|>|<\/s>|<end_of_turn>|<eos>|<｜[^｜<>]{1,40}｜>|<\/?(?:tool_call|function|tool_calls)>))+\s*$/;

export function parseArguments(raw: string, tool?: ToolShape): ArgumentsResult {
  const repairs: Repair[] = [];
  let text = raw.trim();
  const stripped = text.replace(trailingSpecialTokens, '');
  if (stripped !== text) {
    repairs.push({ kind: 'special-tokens-stripped', detail: text.slice(stripped.length).trim() });
    text = stripped.trim();
  }
  const fence = /^```[a-z_]*\s*\n?([\s\S]*?)\n?\s*```$/.exec(text);
  if (fence) {
    text = fence[1].trim();
    repairs.push({ kind: 'language-tag-stripped', detail: 'a Markdown code fence around the arguments' });
  } else if (/^json\s*[[{]/i.test(text)) {
    text = text.replace(/^json\s*/i, '');
    repairs.push({ kind: 'language-tag-stripped', detail: "a leaked 'json' language tag" });
  }
  if (text === '') return { ok: true, value: {}, repairs };
  return argumentsFromText(text, tool, repairs);
}

function argumentsFromText(text: string, tool: ToolShape | undefined, repairs: Repair[]): ArgumentsResult {
  const first = text[0];
  if (first === '{' || first === '[' || first === '"' || first === "'") {
    const read = readValue(text);
    if (!read.ok) {
      return {
        ok: false,
        truncated: read.truncated,
        message: read.truncated
          ? `the arguments are cut off (${read.message}); nothing was run`
          : `the arguments are not valid JSON: ${read.message} at character ${read.at}`,
      };
    }
    for (const kind of read.repairs) repairs.push({ kind, detail: `JSON written with ${kind}` });
    const rest = text.slice(read.end).trim();
    if (rest !== '') {
      const more = moreValues(rest, read.value);
      if (more === 'different')
        return {
          ok: false,
          truncated: false,
          message: 'the arguments hold several different JSON values; send one object per call',
        };
      repairs.push(
        more === 'same'
          ? { kind: 'duplicate-arguments-merged', detail: 'the same arguments object repeated' }
          : { kind: 'trailing-text-ignored', detail: rest.slice(0, 80) },
      );
    }
    if (typeof read.value === 'string') {
      const inner = read.value.trim();
      if (inner.startsWith('{') || inner.startsWith('[')) {
        repairs.push({ kind: 'double-encoded', detail: 'the arguments object was encoded as a JSON string' });
        const nested = argumentsFromText(inner, tool, repairs);
        return nested;
      }
      return scalarArguments(read.value, tool, repairs);
    }
    if (read.value && typeof read.value === 'object' && !Array.isArray(read.value))
      return { ok: true, value: read.value as Record<string, unknown>, repairs };
    return scalarArguments(read.value, tool, repairs);
  }
  // Plain text (a ReAct "Action Input: Paris"): only a tool with one parameter can take it.
  return scalarArguments(text, tool, repairs);
}

/** A bare value as the single parameter of a one-parameter tool, recorded; anything else is an error. */
export function scalarArguments(
  value: unknown,
  tool: ToolShape | undefined,
  repairs: Repair[],
): ArgumentsResult {
  const key = tool ? singleParameter(tool.inputSchema) : undefined;
  if (!key || Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    return {
      ok: false,
      truncated: false,
      message: `the arguments must be a JSON object of parameters, not ${describe(value)}`,
    };
  }
  repairs.push({ kind: 'text-to-single-parameter', detail: `a bare value taken as '${key}'` });
  return { ok: true, value: { [key]: value }, repairs };
}

function moreValues(rest: string, first: unknown): 'same' | 'different' | 'text' {
  if (!rest.startsWith('{') && !rest.startsWith('[')) return 'text';
  let index = 0;
  const canonical = JSON.stringify(first);
  while (index < rest.length) {
    const read = readValue(rest, index);
    if (!read.ok) return 'different';
    if (JSON.stringify(read.value) !== canonical) return 'different';
    index = read.end;
    while (index < rest.length && /[\s,;]/.test(rest[index])) index++;
  }
  return 'same';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 60))}`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
}
