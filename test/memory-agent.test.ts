// Memory across modules: an agent with memory over several sessions, isolation between users,
// erasure proven by searching every store, and the context budget at several sizes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '../src/agent/index.js';
import { assembleContext, contextTokens, createMemory, type Memory } from '../src/memory/index.js';
import { createScriptedModel } from '../src/model/index.js';
import type { SpanRecord } from '../src/store/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { createTracer } from '../src/trace/index.js';

const day = 86_400_000;
const start = Date.UTC(2025, 2, 3, 9);
const promptOf = (options: unknown) => JSON.stringify(options);

describe('memory with agents, users and budgets', () => {
  let store: SqliteStore;
  let clock: number;
  let memory: Memory;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
    clock = start;
    memory = createMemory({ store, now: () => clock });
  });
  afterEach(async () => store.close());

  it('an agent told a fact in session 1 recalls it in session 3', async () => {
    const model = createScriptedModel([
      { text: 'Noted, Rex it is.' },
      { text: 'Try a 30-minute run.' },
      (options) => ({
        text: promptOf(options).includes('Rex') ? 'Your dog is called Rex.' : 'I do not know your dog.',
      }),
    ]);
    const agent = createAgent({ model, memory, instructions: 'You are a helpful assistant.' });
    const caller = { id: 'alice', tenant: 'acme' };
    await agent.run('I have a dog named Rex.', { caller, session: 's1' });
    clock += 7 * day;
    await agent.run('Suggest some exercise for today.', { caller, session: 's2' });
    clock += 7 * day;
    const result = await agent.run("What is my dog's name?", { caller, session: 's3' });
    expect(result.text).toBe('Your dog is called Rex.');
    // What the model saw in session 3: the fact, recalled from session 1, in the system prompt.
    const system = promptOf(model.calls[2].options.prompt);
    expect(system).toMatch(/alice has a dog named Rex/);
    expect(system).toContain('session s1');
    model.assertComplete();
  });

  it('gives the agent remember, recall and update_profile tools scoped to the caller', async () => {
    const model = createScriptedModel([
      {
        toolCalls: [
          { toolName: 'update_profile', input: { changes: { language: 'French' } }, toolCallId: 'c1' },
        ],
      },
      {
        toolCalls: [
          { toolName: 'remember', input: { text: 'Alice is training for a marathon', key: 'goal' } },
        ],
      },
      { text: 'Done.' },
      { toolCalls: [{ toolName: 'recall', input: { query: 'marathon training' } }] },
      (options) => ({
        text: promptOf(options).includes('training for a marathon') ? 'You train for a marathon.' : '?',
      }),
    ]);
    const agent = createAgent({ model, memory });
    const first = await agent.run('Answer me in French from now on; I train for a marathon.', {
      caller: { id: 'alice' },
    });
    expect(first.text).toBe('Done.');
    const profile = await memory.getProfile({ user: 'alice' });
    expect(profile.data).toEqual({ language: 'French' });
    const [version] = await memory.profileHistory({ user: 'alice' });
    expect(version.source).toMatchObject({ runId: first.runId, messageId: 'c1', tool: 'update_profile' });
    const second = await agent.run('What am I training for?', { caller: { id: 'alice' } });
    expect(second.text).toBe('You train for a marathon.');
    // The profile reached the second run's context.
    expect(promptOf(model.calls[3].options.prompt)).toContain('language: French');
    // Bob's run sees none of it, even through the tools.
    const bobModel = createScriptedModel([
      { toolCalls: [{ toolName: 'recall', input: { query: 'marathon French language' } }] },
      (options) => ({ text: promptOf(options).includes('marathon for') ? 'leak' : 'nothing' }),
    ]);
    const bobAgent = createAgent({ model: bobModel, memory });
    expect((await bobAgent.run('What do you know?', { caller: { id: 'bob' } })).text).toBe('nothing');
    expect(promptOf(bobModel.calls[0].options.prompt)).not.toContain('French');
  });

  it('an agent with memory and no caller fails with a clear error', async () => {
    const agent = createAgent({ model: createScriptedModel([{ text: 'x' }]), memory });
    await expect(agent.run('hello')).rejects.toMatchObject({ code: 'MEMORY_SCOPE_INVALID' });
  });

  it("never lets one user's memories reach another user's recall or context", async () => {
    // Same ids, same words, same sessions, two tenants with the same user id too.
    const secret = (owner: string) => `My bank PIN hint is the ${owner} lighthouse on the hill.`;
    for (const scope of [
      { tenant: 'acme', user: 'alice' },
      { tenant: 'acme', user: 'bob' },
      { tenant: 'globex', user: 'alice' },
    ]) {
      await memory.addTurns(scope, [
        { id: 'D1:1', session: 's1', text: secret(`${scope.tenant}-${scope.user}`), at: start },
        { id: 'D1:2', session: 's1', text: 'I live in Lyon.', at: start + 1 },
      ]);
      await memory.updateProfile(scope, { owner: `${scope.tenant}-${scope.user}` });
    }
    for (const scope of [
      { tenant: 'acme', user: 'alice' },
      { tenant: 'acme', user: 'bob' },
      { tenant: 'globex', user: 'alice' },
    ]) {
      const owner = `${scope.tenant}-${scope.user}`;
      const items = await memory.recall(scope, 'bank PIN hint lighthouse acme globex alice bob', { k: 50 });
      const texts = items.map((item) => item.text).join('\n');
      expect(texts).toContain(owner);
      for (const other of ['acme-alice', 'acme-bob', 'globex-alice'].filter((name) => name !== owner))
        expect(texts).not.toContain(other);
      const context = await assembleContext(memory, {
        scope,
        query: 'what is my PIN hint?',
        session: 's1',
        budgetTokens: 2000,
      });
      const whole = `${context.system}\n${context.messages.map((message) => message.text).join('\n')}`;
      for (const other of ['acme-alice', 'acme-bob', 'globex-alice'].filter((name) => name !== owner))
        expect(whole).not.toContain(other);
      expect(whole).toContain(owner);
    }
  });

  it('erases one user from every table and index, proven by searching every store afterwards', async () => {
    const alice = { tenant: 'acme', user: 'alice' };
    const bob = { tenant: 'acme', user: 'bob' };
    const withVectors = createMemory({
      store,
      now: () => clock,
      embedder: {
        id: 'letters',
        async embed(texts) {
          return texts.map((text) => {
            const vector = new Float32Array(26);
            for (const char of text.toLowerCase())
              if (char >= 'a' && char <= 'z') vector[char.charCodeAt(0) - 97]++;
            return vector;
          });
        },
      },
    });
    for (const scope of [alice, bob]) {
      await withVectors.addTurns(scope, [
        { id: 'x1', session: 's1', text: `I live in Zanzibar, says ${scope.user}.`, at: start },
        { id: 'x2', session: 's1', role: 'assistant', text: 'Zanzibar is lovely.', at: start + 1 },
      ]);
      await withVectors.endSession(scope, 's1');
      await withVectors.updateProfile(scope, { home: 'Zanzibar' });
      await withVectors.remember(scope, { text: 'Likes Zanzibar spice tours', key: 'hobby' });
    }
    expect((await withVectors.recall(alice, 'Zanzibar')).length).toBeGreaterThan(0);
    const before = await store.memory.countUserRows('acme', 'alice');
    expect(Object.values(before).every((count) => count > 0)).toBe(true);

    const erased = await withVectors.eraseUser(alice);
    expect(erased).toEqual(before);

    // Every memory table, searched directly for anything of alice's.
    const tables = (
      store.database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'memory_%'")
        .all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const table of tables) {
      const rows = store.database
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE user = 'alice'`)
        .get() as { n: number };
      expect(rows.n, table).toBe(0);
    }
    expect(
      Object.values(await store.memory.countUserRows('acme', 'alice')).every((count) => count === 0),
    ).toBe(true);
    // The in-process BM25 and vector indexes: nothing comes back for alice, even by id.
    expect(await withVectors.recall(alice, 'Zanzibar spice tours live lovely', { k: 50 })).toEqual([]);
    expect(await withVectors.getItems(alice, ['x1', 'x2', 'summary:s1'])).toEqual([]);
    expect((await withVectors.getProfile(alice)).version).toBe(0);
    // A fresh process rebuilding from the store finds nothing either; bob is untouched.
    const fresh = createMemory({ store });
    expect(await fresh.recall(alice, 'Zanzibar', { k: 50 })).toEqual([]);
    expect((await fresh.recall(bob, 'Zanzibar', { k: 50 })).map((item) => item.text).join(' ')).toContain(
      'says bob',
    );
  });

  it('never exceeds the context budget, at several sizes, and traces what it kept and dropped', async () => {
    const spans: SpanRecord[] = [];
    const tracer = createTracer({
      sinks: [{ write: (span) => spans.push(span), flush: async () => {}, close: async () => {} }],
    });
    const scope = { user: 'carol' };
    const filler = 'We talked at length about gardening, tomatoes, compost, soil and the weather again. ';
    for (let session = 0; session < 10; session++) {
      await memory.addTurns(
        scope,
        Array.from({ length: 12 }, (_, turn) => ({
          id: `S${session}:${turn}`,
          session: `s${session}`,
          role: turn % 2 ? ('assistant' as const) : ('user' as const),
          text: `${filler.repeat(1 + (turn % 3))}Turn ${turn} of session ${session}: tomatoes number ${turn * session}.`,
          at: start + session * day + turn * 60_000,
        })),
      );
    }
    await memory.updateProfile(scope, { name: 'Carol', garden: 'allotment 12', notes: 'x'.repeat(400) });
    const bigTool = { id: 'tool-1', name: 'web_fetch', text: 'Tomato varieties: '.repeat(2000) };
    const system = 'You are a gardening assistant. Answer briefly.';
    for (const budget of [60, 200, 500, 1500, 4000]) {
      const context = await assembleContext(memory, {
        scope,
        query: 'Which tomatoes did we discuss?',
        system,
        session: 's9',
        toolResults: [bigTool],
        budgetTokens: budget,
        model: 'openai:gpt-4o',
        tracer,
      });
      expect(context.tokens).toBeLessThanOrEqual(budget);
      expect(contextTokens(context, 'openai:gpt-4o')).toBe(context.tokens);
      expect(context.system.startsWith(system)).toBe(true);
      expect(context.messages.at(-1)).toEqual({ role: 'user', text: 'Which tomatoes did we discuss?' });
      expect(context.dropped.length).toBeGreaterThan(0);
      if (budget >= 1500) {
        // The big tool result is cut, with a pointer the agent can follow.
        expect(context.system).toContain('call recall with ids ["tool-1"]');
        expect(context.kept.some((item) => item.section === 'memory')).toBe(true);
        expect(context.kept.some((item) => item.section === 'history')).toBe(true);
      }
    }
    expect(spans.filter((span) => span.name === 'memory.assemble_context')).toHaveLength(5);
    const last = spans.at(-1)!;
    expect(last.attributes['gantry.memory.budget_tokens']).toBe(4000);
    expect(last.attributes['gantry.memory.used_tokens']).toBeLessThanOrEqual(4000);
    expect(
      (last.attributes['gantry.memory.kept'] as string[]).some((entry) => entry.startsWith('memory:')),
    ).toBe(true);
    expect(
      (last.attributes['gantry.memory.dropped'] as string[]).some(
        (entry) => entry.endsWith(':budget') || entry.endsWith(':truncated'),
      ),
    ).toBe(true);
    await expect(
      assembleContext(memory, {
        scope,
        query: 'Which tomatoes did we discuss?',
        system: system.repeat(20),
        budgetTokens: 50,
      }),
    ).rejects.toMatchObject({ code: 'MEMORY_BUDGET_TOO_SMALL' });
  });
});
