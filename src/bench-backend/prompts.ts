// The prompts a run sends: from a dataset file (JSONL with `prompt` or `messages`/`input` text, or a
// JSON array of them) or synthetic ones of a given token length (GuideLLM's prompt_tokens/output_tokens).
import { readFile } from 'node:fs/promises';
import { GantryError } from '../errors/index.js';
import type { PromptItem } from './stream-request.js';

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** `promptTokens` words (about one token each), varied by index so a prefix cache does not hide prefill. */
export function syntheticPrompts(count: number, promptTokens: number, maxTokens: number): PromptItem[] {
  const items: PromptItem[] = [];
  for (let i = 0; i < count; i++) {
    const parts = [`${i}`];
    for (let t = 1; t < promptTokens; t++) parts.push(words[(i * 7 + t * 3) % words.length]);
    items.push({ prompt: parts.join(' '), promptTokens, maxTokens });
  }
  return items;
}

export async function promptsFromFile(path: string, count: number, maxTokens: number): Promise<PromptItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GantryError('FILE_NOT_FOUND', `Could not read the prompt dataset '${path}'.`, {
      hint: 'Pass a JSONL file with one {"prompt": "..."} per line, or use --input-tokens for synthetic prompts.',
      details: { path, reason: (error as Error).message },
      cause: error,
    });
  }
  const rows: unknown[] = text.trimStart().startsWith('[')
    ? (JSON.parse(text) as unknown[])
    : text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as unknown);
  const prompts = rows.map(promptOf).filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (prompts.length === 0) {
    throw new GantryError('USAGE_INVALID', `The prompt dataset '${path}' has no prompts.`, {
      hint: 'Each line needs a "prompt", "input", "question" or "messages" field holding text.',
      details: { path },
    });
  }
  const items: PromptItem[] = [];
  for (let i = 0; i < count; i++) {
    const prompt = prompts[i % prompts.length];
    items.push({ prompt, promptTokens: Math.max(1, Math.ceil(prompt.length / 4)), maxTokens });
  }
  return items;
}

function promptOf(row: unknown): string | undefined {
  if (typeof row === 'string') return row;
  if (!row || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  for (const key of ['prompt', 'input', 'question', 'text']) if (typeof r[key] === 'string') return r[key];
  if (Array.isArray(r.messages)) {
    const user = (r.messages as { role?: string; content?: unknown }[]).find((m) => m.role === 'user');
    if (typeof user?.content === 'string') return user.content;
  }
  if (Array.isArray(r.conversations)) {
    const first = (r.conversations as { value?: unknown }[])[0];
    if (typeof first?.value === 'string') return first.value;
  }
  return undefined;
}
