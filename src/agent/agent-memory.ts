// createAgent({ memory }): before a run, the model's context is assembled from the user's memory
// under one token budget (profile, earlier turns of the session, recalled memories) and the memory
// tools are added; after it, the task and the answer are stored as turns of the session.
import { GantryError } from '../errors/index.js';
import {
  assembleContext,
  type Memory,
  type MemoryScope,
  memoryTools,
  type TurnInput,
} from '../memory/index.js';
import { type CallerIdentity, createToolRegistry, type ToolRegistry } from '../tool/index.js';
import type { Tracer } from '../trace/index.js';
import type { AgentMessage } from './agent-message.js';
import type { AgentResult } from './agent-result.js';

export interface AgentMemoryOptions {
  memory: Memory;
  /** Tokens for the whole context the model receives at the start of a run (default 4,000). */
  budgetTokens?: number;
  /** Whose memory; default: the run's caller (its tenant and id). */
  scope?: MemoryScope;
  /** Adds remember, recall, forget and update_profile (default true). */
  tools?: boolean;
  /** Store the task and the answer as turns (default true). */
  record?: boolean;
}

/** What a run keeps in its checkpoint so that a resumed run sees the same context. */
export interface MemoryRunMetadata {
  scope: MemoryScope;
  session: string;
  instructions: string;
}

export const toAgentMemoryOptions = (value: Memory | AgentMemoryOptions): AgentMemoryOptions =>
  'recall' in value ? { memory: value } : value;

export function memoryScopeOf(options: AgentMemoryOptions, caller: CallerIdentity | undefined): MemoryScope {
  if (options.scope) return options.scope;
  if (!caller?.id) {
    throw new GantryError('MEMORY_SCOPE_INVALID', 'An agent with memory needs to know whose memory to use.', {
      hint: "Run it with { caller: { id: 'user-id', tenant } }, or create it with memory: { memory, scope }.",
    });
  }
  return { user: caller.id, ...(caller.tenant ? { tenant: caller.tenant } : {}) };
}

export function memoryToolRegistry(
  options: AgentMemoryOptions,
  base: ToolRegistry,
  scope: MemoryScope,
): ToolRegistry {
  if (options.tools === false) return base;
  return createToolRegistry([...base.list(), ...memoryTools(options.memory, { scope })]);
}

export async function prepareMemoryRun(
  options: AgentMemoryOptions,
  input: {
    task: string;
    instructions?: string;
    scope: MemoryScope;
    session: string;
    modelName: string;
    tracer: Tracer;
  },
): Promise<{ instructions: string; messages: AgentMessage[]; metadata: MemoryRunMetadata }> {
  const context = await assembleContext(options.memory, {
    scope: input.scope,
    query: input.task,
    system: input.instructions,
    session: input.session,
    budgetTokens: options.budgetTokens ?? 4000,
    model: input.modelName,
    tracer: input.tracer,
  });
  const messages: AgentMessage[] = context.messages.map((message) =>
    message.role === 'assistant'
      ? { role: 'assistant', text: message.text, toolCalls: [] }
      : { role: 'user', text: message.text },
  );
  return {
    instructions: context.system,
    messages,
    metadata: { scope: input.scope, session: input.session, instructions: context.system },
  };
}

export async function recordMemoryRun(
  options: AgentMemoryOptions,
  metadata: MemoryRunMetadata,
  task: string,
  result: AgentResult,
): Promise<void> {
  if (options.record === false) return;
  const at = options.memory.now();
  const turns: TurnInput[] = [
    { id: `${result.runId}:task`, session: metadata.session, role: 'user', text: task, at },
  ];
  if (result.text.trim()) {
    turns.push({
      id: `${result.runId}:answer`,
      session: metadata.session,
      role: 'assistant',
      text: result.text,
      at: at + 1,
    });
  }
  await options.memory.addTurns(metadata.scope, turns);
}
