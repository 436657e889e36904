// The tools an agent uses on its own memory: remember, recall, forget, update_profile. The scope
// comes from the run (the caller's tenant and id), never from the model, so a model cannot reach
// another user's memory by naming them.
import { z } from 'zod';
import { GantryError } from '../errors/index.js';
import { type AnyTool, defineTool, type ToolContext } from '../tool/index.js';
import type { MemoryScope } from './memory-scope.js';
import type { Memory } from './memory-types.js';

export interface MemoryToolsOptions {
  /** The scope of every call; default: from the run's caller (tenant, id). */
  scope?: MemoryScope | ((context: ToolContext) => MemoryScope);
}

export function memoryTools(memory: Memory, { scope }: MemoryToolsOptions = {}): AnyTool[] {
  const scopeOf = (context: ToolContext): MemoryScope => {
    if (typeof scope === 'function') return scope(context);
    if (scope) return scope;
    if (!context.caller?.id) {
      throw new GantryError('MEMORY_SCOPE_INVALID', 'Memory tools need to know whose memory to use.', {
        hint: 'Run the agent with { caller: { id: userId, tenant } } or give memoryTools a scope.',
      });
    }
    return { user: context.caller.id, ...(context.caller.tenant ? { tenant: context.caller.tenant } : {}) };
  };
  return [
    defineTool({
      name: 'remember',
      description:
        'Stores a lasting fact about the user (preference, detail, plan). A newer value for the same key replaces the old one.',
      input: z.object({
        text: z.string().min(1).describe('the fact as one sentence'),
        key: z.string().optional().describe("what the fact is about, e.g. 'location'; same key = replaces"),
      }),
      async execute({ text, key }, context) {
        const change = await memory.remember(scopeOf(context), {
          text,
          key,
          sourceIds: [`${context.runId}:${context.toolCallId}`],
        });
        return { action: change.action, id: change.fact.id, replaced: change.replaced?.text };
      },
    }),
    defineTool({
      name: 'recall',
      description:
        'Searches long-term memory of past conversations and known facts. Pass ids to read items in full (e.g. a cut tool result).',
      input: z.object({
        query: z.string().optional().describe('what to look for; may say "last week" or "in May 2024"'),
        ids: z.array(z.string()).optional().describe('exact memory ids to read in full'),
        k: z.number().int().min(1).max(50).optional(),
      }),
      async execute({ query, ids, k }, context) {
        const target = scopeOf(context);
        if (ids?.length) return memory.getItems(target, ids).then((items) => items.map(present));
        if (!query) {
          throw new GantryError('MEMORY_INPUT_INVALID', 'recall needs a query or ids.', {
            hint: 'Pass { query: "what to look for" } or { ids: ["..."] }.',
          });
        }
        return (await memory.recall(target, query, { k: k ?? 8 })).map(present);
      },
    }),
    defineTool({
      name: 'forget',
      description:
        'Deletes memories by id (ids come from recall). Use when the user asks to forget something.',
      input: z.object({ ids: z.array(z.string()).min(1) }),
      async execute({ ids }, context) {
        return { forgotten: await memory.forget(scopeOf(context), ids) };
      },
    }),
    defineTool({
      name: 'update_profile',
      description:
        "Updates the user's working-memory profile with only the fields that changed (null removes a field).",
      input: z.object({ changes: z.record(z.string(), z.unknown()) }),
      async execute({ changes }, context) {
        const result = await memory.updateProfile(scopeOf(context), changes, {
          runId: context.runId,
          messageId: context.toolCallId,
          tool: 'update_profile',
        });
        return { version: result.version, changed: Object.keys(result.changed) };
      },
    }),
  ];
}

const present = (item: { id: string; kind: string; text: string; session: string; at: number }) => ({
  id: item.id,
  kind: item.kind,
  date: new Date(item.at).toISOString().slice(0, 10),
  session: item.session,
  text: item.text,
});
