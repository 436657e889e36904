// Reading and rewriting the output of a native Responses API answer: its text (for usage counts and
// the response filter), its usage in chat-completions terms, and texts replaced by filtered ones.

import { filterWholeText } from '../apis/filter-text.js';
import type { ResponseFilter } from '../hooks.js';
import type { OutputItem } from './response-object.js';

type Part = { type?: string; text?: string };

/** The output_text of every message item, in order. */
export function outputText(output: readonly OutputItem[]): string {
  let text = '';
  for (const item of output) for (const part of partsOf(item)) text += part.text;
  return text;
}

/** Filters a whole answer's text in place: the filtered text goes in the first text part. */
export function filterOutput(filter: ResponseFilter, output: readonly OutputItem[]): void {
  const parts = output.flatMap(partsOf);
  if (parts.length === 0) return;
  const filtered = filterWholeText(filter, parts.map((p) => p.text).join(''));
  parts.forEach((part, index) => {
    part.text = index === 0 ? filtered : '';
  });
}

/** Puts the streamed (filtered) text of each message item into the item's text parts. */
export function rewriteItem(item: OutputItem | undefined, texts: ReadonlyMap<string, string>): void {
  if (!item) return;
  const text = texts.get(item.id);
  if (text === undefined) return;
  partsOf(item).forEach((part, index) => {
    part.text = index === 0 ? text : '';
  });
}

/** Responses usage (input_tokens includes cached ones) as chat-completions usage, for accounting. */
export function chatUsage(usage: unknown): Record<string, unknown> | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as {
    input_tokens?: unknown;
    output_tokens?: unknown;
    input_tokens_details?: { cached_tokens?: unknown } | null;
  };
  if (typeof u.input_tokens !== 'number') return undefined;
  return {
    prompt_tokens: u.input_tokens,
    completion_tokens: typeof u.output_tokens === 'number' ? u.output_tokens : 0,
    prompt_tokens_details: { cached_tokens: u.input_tokens_details?.cached_tokens ?? 0 },
  };
}

function partsOf(item: OutputItem): (Part & { text: string })[] {
  if (item.type !== 'message' || !Array.isArray(item.content)) return [];
  return (item.content as Part[]).filter(
    (part): part is Part & { text: string } => part.type === 'output_text' && typeof part.text === 'string',
  );
}
