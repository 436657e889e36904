// Usage from an upstream answer without parsing the whole body: the `usage` object is found by its
// key from the end of the text and only that slice is parsed. Falls back to counting tokens.
import { countTokens } from '../../model/index.js';

export interface UsageNumbers {
  /** Every prompt token, cached and cache-written ones included. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens read from the provider's cache (OpenAI cached_tokens, Anthropic cache_read_input_tokens). */
  cachedInputTokens?: number;
  /** Prompt tokens written to the provider's cache (Anthropic cache_creation_input_tokens). */
  cacheWriteTokens?: number;
}

const promptTokens = /"(?:prompt_tokens|input_tokens)"\s*:\s*(\d+)/;
const completionTokens = /"(?:completion_tokens|output_tokens)"\s*:\s*(\d+)/;
const cachedTokens = /"(?:cached_tokens|cache_read_input_tokens)"\s*:\s*(\d+)/;
const cacheWriteTokens = /"cache_creation_input_tokens"\s*:\s*(\d+)/;

/** Parses `"usage":{...}` found last in a JSON text; undefined when absent or null. */
export function extractUsage(text: string): UsageNumbers | undefined {
  const at = text.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  // Fast path: the two counts read straight from the usage object, without parsing it.
  const tail = text.slice(at, at + 600);
  const input = promptTokens.exec(tail);
  if (!input) return parseUsageObject(text, at);
  const numbers: UsageNumbers = {
    inputTokens: Number(input[1]),
    outputTokens: Number(completionTokens.exec(tail)?.[1] ?? 0),
  };
  // Most answers carry no cache counts: one includes() before the two regular expressions.
  if (tail.includes('cache')) {
    const cached = Number(cachedTokens.exec(tail)?.[1] ?? 0);
    const written = Number(cacheWriteTokens.exec(tail)?.[1] ?? 0);
    if (cached > 0) numbers.cachedInputTokens = cached;
    if (written > 0) numbers.cacheWriteTokens = written;
    // Anthropic's own usage counts cache reads and writes apart from input_tokens.
    if (!tail.includes('"prompt_tokens"')) numbers.inputTokens += cached + written;
  }
  return numbers;
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
  const details = u.prompt_tokens_details as { cached_tokens?: unknown } | undefined;
  const cached = numberOr0(details?.cached_tokens ?? u.cache_read_input_tokens);
  const written = numberOr0(u.cache_creation_input_tokens);
  const numbers: UsageNumbers = {
    // Anthropic's own usage counts cache reads and writes apart from input_tokens.
    inputTokens: u.prompt_tokens === undefined ? input + cached + written : input,
    outputTokens: typeof output === 'number' ? output : 0,
  };
  if (cached > 0) numbers.cachedInputTokens = cached;
  if (written > 0) numbers.cacheWriteTokens = written;
  return numbers;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : 0;
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
