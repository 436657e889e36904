// The model's context from memory under one token budget, counted with the model's tokenizer:
// system prompt and current message (always), working memory, recent turns of this session (older
// ones replaced by a summary), recalled memories, tool results (large ones cut, with a pointer the
// agent can follow with `recall`). A span records what was kept and what was dropped, and why.
import { GantryError } from '../errors/index.js';
import { countTokens } from '../model/index.js';
import { noopTracer, type Span, type Tracer } from '../trace/index.js';
import type { MemoryScope } from './memory-scope.js';
import type { Memory } from './memory-types.js';
import type { RecallItem, RecallOptions } from './recall-types.js';
import { summarizeExtractively } from './summarize-session.js';

export interface ContextToolResult {
  id: string;
  name: string;
  text: string;
}

export interface AssembleContextInput {
  scope: MemoryScope;
  /** The current user message: recall's query. */
  query: string;
  system?: string;
  /** The session whose recent turns are history (default: none, recall only). */
  session?: string;
  toolResults?: readonly ContextToolResult[];
  budgetTokens: number;
  /** The model whose tokenizer counts ('openai:gpt-4o'); default cl100k_base. */
  model?: string;
  recall?: RecallOptions;
  /** Shares of the budget left after the system prompt and the message (defaults 0.15, 0.35, 0.25). */
  shares?: { profile?: number; history?: number; toolResults?: number };
  /** Most recent turns considered (default 20). */
  recentTurns?: number;
  tracer?: Tracer;
  parentSpan?: Pick<Span, 'traceId' | 'spanId'>;
}

export interface ContextDecision {
  id: string;
  section: 'profile' | 'history' | 'summary' | 'memory' | 'tool';
  tokens: number;
  reason?: 'budget' | 'truncated' | 'summarised' | 'duplicate';
}

export interface AssembledContext {
  system: string;
  messages: { role: 'user' | 'assistant'; text: string }[];
  tokens: number;
  budgetTokens: number;
  kept: ContextDecision[];
  dropped: ContextDecision[];
  recalled: RecallItem[];
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

export async function assembleContext(
  memory: Memory,
  input: AssembleContextInput,
): Promise<AssembledContext> {
  const tracer = input.tracer ?? noopTracer;
  const span = tracer.startSpan('memory.assemble_context', {
    parent: input.parentSpan,
    attributes: { 'gantry.memory.budget_tokens': input.budgetTokens },
  });
  try {
    const result = await assemble(memory, input);
    span.setAttributes({
      'gantry.memory.used_tokens': result.tokens,
      'gantry.memory.kept': result.kept.map((item) => `${item.section}:${item.id}`),
      'gantry.memory.dropped': result.dropped.map((item) => `${item.section}:${item.id}:${item.reason}`),
      'gantry.memory.recalled': result.recalled.map((item) => item.id),
    });
    span.end('ok');
    return result;
  } catch (error) {
    span.recordError(error);
    span.end('error');
    throw error;
  }
}

async function assemble(memory: Memory, input: AssembleContextInput): Promise<AssembledContext> {
  const count = (text: string) => countTokens(text, input.model);
  const budget = input.budgetTokens;
  const kept: ContextDecision[] = [];
  const dropped: ContextDecision[] = [];
  const system = input.system?.trim() ?? '';
  const fixed = count(system) + count(input.query) + 8;
  if (!(budget > 0) || fixed > budget) {
    throw new GantryError(
      'MEMORY_BUDGET_TOO_SMALL',
      `A context budget of ${budget} tokens cannot hold the system prompt and the message (${fixed} tokens).`,
      { hint: 'Raise budgetTokens or shorten the system prompt.', details: { budget, fixed } },
    );
  }
  let left = budget - fixed;
  const spare = left;
  const shares = { profile: 0.15, history: 0.35, toolResults: 0.25, ...input.shares };
  const sections: string[] = [];
  // A section's heading costs tokens too: it is counted with the section's first line.
  const section = (heading: string, lines: string[]) =>
    lines.length && sections.push(`## ${heading}\n${lines.join('\n')}`);

  const profileLines: string[] = [];
  const profile = await memory.getProfile(input.scope);
  let profileLeft = Math.min(left, Math.floor(spare * shares.profile));
  for (const [field, value] of Object.entries(profile.data)) {
    const line = `- ${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
    const tokens = count(line) + (profileLines.length === 0 ? count('## Working memory (profile)') + 2 : 1);
    if (tokens > profileLeft) {
      dropped.push({ id: field, section: 'profile', tokens, reason: 'budget' });
      continue;
    }
    profileLeft -= tokens;
    left -= tokens;
    profileLines.push(line);
    kept.push({ id: field, section: 'profile', tokens });
  }

  const messages: AssembledContext['messages'] = [];
  const historyIds = new Set<string>();
  if (input.session !== undefined) {
    let historyLeft = Math.min(left, Math.floor(spare * shares.history));
    const turns = await memory.recentTurns(input.scope, {
      session: input.session,
      limit: input.recentTurns ?? 20,
    });
    const chosen: typeof turns = [];
    for (const turn of [...turns].reverse()) {
      const tokens = count(turn.text) + 4;
      if (tokens > historyLeft) break;
      historyLeft -= tokens;
      chosen.unshift(turn);
    }
    const older = turns.slice(0, turns.length - chosen.length);
    if (older.length > 0) {
      // Older turns of the session: one extractive summary in their place, when it fits.
      const summary = `Earlier in this conversation: ${summarizeExtractively(older, 3)}`;
      const tokens = count(summary) + 1;
      for (const turn of older)
        dropped.push({ id: turn.id, section: 'history', tokens: count(turn.text) + 4, reason: 'summarised' });
      if (tokens <= historyLeft) {
        historyLeft -= tokens;
        left -= tokens;
        sections.push(summary);
        kept.push({ id: `summary:${older[0].id}..${older.at(-1)!.id}`, section: 'summary', tokens });
      }
    }
    for (const turn of chosen) {
      const tokens = count(turn.text) + 4;
      left -= tokens;
      messages.push({ role: turn.role === 'assistant' ? 'assistant' : 'user', text: turn.text });
      historyIds.add(turn.id);
      kept.push({ id: turn.id, section: 'history', tokens });
    }
  }

  const toolLines: string[] = [];
  let toolLeft = Math.min(left, Math.floor(spare * shares.toolResults));
  for (const result of input.toolResults ?? []) {
    const full = `[tool ${result.name} ${result.id}] ${result.text}`;
    let line = full;
    let tokens = count(line) + 1;
    if (tokens > toolLeft) {
      // Cut to what fits, and say how to get the rest.
      const pointer = ` … [cut: ${result.text.length} characters in all; call recall with ids ["${result.id}"] for the full result]`;
      const room = toolLeft - count(pointer) - 2;
      if (room < 16) {
        dropped.push({ id: result.id, section: 'tool', tokens, reason: 'budget' });
        continue;
      }
      let characters = Math.floor(full.length * (room / tokens));
      line = full.slice(0, characters) + pointer;
      while (count(line) + 1 > toolLeft && characters > 0) {
        characters = Math.floor(characters * 0.8);
        line = full.slice(0, characters) + pointer;
      }
      tokens = count(line) + 1;
      dropped.push({ id: result.id, section: 'tool', tokens: count(full) + 1 - tokens, reason: 'truncated' });
    }
    toolLeft -= tokens;
    left -= tokens;
    toolLines.push(line);
    kept.push({ id: result.id, section: 'tool', tokens });
  }

  const recalled = await memory.recall(input.scope, input.query, { k: 20, ...input.recall });
  const memoryLines: string[] = [];
  const headingTokens = count('## Relevant memories') + 2;
  for (const item of recalled) {
    if (historyIds.has(item.id)) {
      dropped.push({ id: item.id, section: 'memory', tokens: 0, reason: 'duplicate' });
      continue;
    }
    const where = item.kind === 'episode' ? `, session ${item.session}, ${item.speaker}` : `, ${item.kind}`;
    const line = `- [${day(item.at)}${where}, id ${item.id}] ${item.text}`;
    const tokens = count(line) + 1 + (memoryLines.length === 0 ? headingTokens : 0);
    if (tokens > left) {
      dropped.push({ id: item.id, section: 'memory', tokens, reason: 'budget' });
      continue;
    }
    left -= tokens;
    memoryLines.push(line);
    kept.push({ id: item.id, section: 'memory', tokens });
  }

  const parts: string[] = [];
  if (system) parts.push(system);
  const rendered: string[] = [];
  section('Working memory (profile)', profileLines);
  rendered.push(...sections.splice(0));
  section('Relevant memories', memoryLines);
  section('Tool results', toolLines);
  rendered.push(...sections.splice(0));
  parts.push(...rendered);
  const assembled: AssembledContext = {
    system: parts.join('\n\n'),
    messages: [...messages, { role: 'user', text: input.query }],
    tokens: 0,
    budgetTokens: budget,
    kept,
    dropped,
    recalled,
  };
  assembled.tokens = contextTokens(assembled, input.model);
  // Separators and rounding can add a few tokens: drop memories from the end until it fits.
  while (assembled.tokens > budget && memoryLines.length > 0) {
    const line = memoryLines.pop()!;
    const id = /id (\S+)\]/.exec(line)?.[1] ?? '';
    const position = kept.findIndex((item) => item.section === 'memory' && item.id === id);
    if (position >= 0) dropped.push({ ...kept.splice(position, 1)[0], reason: 'budget' });
    assembled.system = assembled.system.replace(`\n${line}`, '').replace(`## Relevant memories\n${line}`, '');
    assembled.tokens = contextTokens(assembled, input.model);
  }
  if (assembled.tokens > budget) {
    throw new GantryError(
      'MEMORY_BUDGET_TOO_SMALL',
      `The context needs ${assembled.tokens} tokens; the budget is ${budget}.`,
      {
        hint: 'Raise budgetTokens, or lower the shares of history and tool results.',
      },
    );
  }
  return assembled;
}

/** Tokens of a context as sent: the system text and every message, with a few tokens per message. */
export function contextTokens(
  context: Pick<AssembledContext, 'system' | 'messages'>,
  model?: string,
): number {
  let total = context.system ? countTokens(context.system, model) + 4 : 0;
  for (const message of context.messages) total += countTokens(message.text, model) + 4;
  return total;
}
