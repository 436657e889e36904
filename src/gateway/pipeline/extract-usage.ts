// Usage from an upstream answer without parsing the whole body: the `usage` object is found by its
// key from the end of the text and only that slice is parsed. Falls back to counting tokens.
import { countTokens } from '../../model/index.js';

export interface UsageNumbers {
  inputTokens: number;
  outputTokens: number;
}

const promptTokens = /"(?:prompt_tokens|input_tokens)"\s*:\s*(\d+)/;
const completionTokens = /"(?:completion_tokens|output_tokens)"\s*:\s*(\d+)/;

/** Parses `"usage":{...}` found last in a JSON text; undefined when absent or null. */
export function extractUsage(text: string): UsageNumbers | undefined {
  const at = text.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  // Fast path: the two counts read straight from the usage object, without parsing it.
  const tail = text.slice(at, at + 400);
  const input = promptTokens.exec(tail);
  if (input)
    return { inputTokens: Number(input[1]), outputTokens: Number(completionTokens.exec(tail)?.[1] ?? 0) };
  return parseUsageObject(text, at);
}

function parseUsageObject(text: string, at: number): UsageNumbers | undefined {
  const open = text.indexOf('{', at);
  if (open === -1 || text.slice(at + 7, open).trim() !== ':') return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) {
      try {
        return fromUsageObject(JSON.parse(text.slice(open, i + 1)));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function fromUsageObject(usage: unknown): UsageNumbers | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  const input = u.prompt_tokens ?? u.input_tokens;
  const output = u.completion_tokens ?? u.output_tokens ?? 0;
  if (typeof input !== 'number') return undefined;
  return { inputTokens: input, outputTokens: typeof output === 'number' ? output : 0 };
}

/** Counts the prompt's tokens from the request (messages, prompt or input). */
export function countRequestTokens(body: Record<string, unknown>, model: string): number {
  let text = '';
  if (Array.isArray(body.messages)) {
    for (const m of body.messages as { content?: unknown }[]) text += `${contentText(m.content)}\n`;
  } else if (body.prompt !== undefined)
    text = Array.isArray(body.prompt) ? body.prompt.join('\n') : String(body.prompt);
  else if (body.input !== undefined)
    text = Array.isArray(body.input) ? body.input.join('\n') : String(body.input);
  return countTokens(text, model);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}
