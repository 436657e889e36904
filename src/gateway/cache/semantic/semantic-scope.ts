// What a semantic-cache entry is keyed on. The *scope* is everything that must match exactly: the
// caller (key or tenant), the model alias, every generation parameter, and the conversation before
// the last user turn (so a follow-up question in another conversation never gets this answer). The
// *text* is the last user turn, the only part compared by meaning.
import { createHash } from 'node:crypto';

const ignoredFields = new Set([
  'user',
  'stream',
  'stream_options',
  'metadata',
  'messages',
  'prompt',
  'model',
]);

export interface SemanticKey {
  scope: string;
  text: string;
}

/** undefined when the request has no single last user text to compare (tool results, arrays). */
export function semanticKey(
  endpoint: string,
  body: Record<string, unknown>,
  caller: string,
  model: string,
): SemanticKey | undefined {
  const hash = createHash('sha256');
  hash.update(endpoint);
  const parameters = Object.keys(body)
    .filter((name) => !ignoredFields.has(name) && body[name] !== undefined)
    .sort();
  for (const name of parameters) hash.update(`\n${name}=${canonical(body[name])}`);
  let text: string | undefined;
  if (endpoint === 'chat' && Array.isArray(body.messages)) {
    const messages = body.messages as { role?: unknown; content?: unknown }[];
    const last = messages[messages.length - 1];
    if (last?.role !== 'user') return undefined;
    text = plainText(last.content);
    hash.update(`\nprefix=${canonical(messages.slice(0, -1))}`);
    const { content: _content, ...rest } = last;
    hash.update(`\nlast=${canonical(rest)}`);
  } else if (endpoint === 'completions' && typeof body.prompt === 'string') {
    text = body.prompt;
  }
  if (text === undefined || text.trim().length === 0) return undefined;
  // The caller and model lead, readable, so that invalidate(`${caller}\n`) drops one key's entries.
  return { scope: `${caller}\n${model}\n${hash.digest('base64url')}`, text };
}

function plainText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const part of content as { type?: unknown; text?: unknown }[]) {
    // An image or audio part cannot be compared by the text embedder: not cacheable semantically.
    if (part?.type !== 'text' || typeof part.text !== 'string') return undefined;
    text += part.text;
  }
  return text;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
