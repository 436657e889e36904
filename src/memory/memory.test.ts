import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScriptedModel } from '../model/index.js';
import { openSqliteStore, type SqliteStore } from '../store/index.js';
import { createMemory, type Memory } from './index.js';

const day = 86_400_000;
const t0 = Date.UTC(2024, 4, 1, 12);
const alice = { user: 'alice', tenant: 'acme' };

describe('memory', () => {
  let store: SqliteStore;
  let clock: number;
  let memory: Memory;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
    clock = t0 + 60 * day;
    memory = createMemory({ store, now: () => clock });
  });
  afterEach(async () => store.close());

  describe('working memory', () => {
    it('applies only changed fields and versions each change with its source', async () => {
      await memory.updateProfile(
        alice,
        { name: 'Alice', diet: 'vegetarian' },
        { runId: 'r1', messageId: 'm1' },
      );
      const second = await memory.updateProfile(
        alice,
        { diet: 'vegan', name: 'Alice', city: null },
        { runId: 'r2' },
      );
      expect(second).toMatchObject({ version: 2, changed: { diet: 'vegan' } });
      expect((await memory.getProfile(alice)).data).toEqual({ name: 'Alice', diet: 'vegan' });
      const history = await memory.profileHistory(alice);
      expect(history.map((v) => [v.version, v.changes, v.source.runId])).toEqual([
        [1, { name: 'Alice', diet: 'vegetarian' }, 'r1'],
        [2, { diet: 'vegan' }, 'r2'],
      ]);
      expect((await memory.updateProfile(alice, { diet: 'vegan' })).version).toBe(2);
      expect((await memory.getProfile({ ...alice, thread: 't1' })).version).toBe(0);
    });

    it('checks updates against a zod schema', async () => {
      const typed = createMemory({ store, profileSchema: z.object({ age: z.number().int() }).strict() });
      await typed.updateProfile(alice, { age: 41 });
      await expect(typed.updateProfile(alice, { age: 'forty' })).rejects.toMatchObject({
        code: 'MEMORY_PROFILE_INVALID',
      });
      await expect(typed.updateProfile(alice, { shoe: 42 })).rejects.toMatchObject({
        code: 'MEMORY_PROFILE_INVALID',
      });
      expect((await typed.getProfile(alice)).data).toEqual({ age: 41 });
    });
  });

  describe('episodic memory', () => {
    it('recalls turn-level items with their original ids and sessions, best first', async () => {
      await memory.addTurns(alice, [
        { id: 'D1:1', session: 's1', text: 'I went hiking in the Alps with my sister.', at: t0 },
        { id: 'D1:2', session: 's1', role: 'assistant', text: 'That sounds lovely!', at: t0 + 1000 },
        {
          id: 'D2:1',
          session: 's2',
          text: 'Work was busy, lots of meetings about the budget.',
          at: t0 + 7 * day,
        },
      ]);
      const items = await memory.recall(alice, 'Where did I go hiking?', {
        k: 3,
        weights: { neighbour: 0.3 },
      });
      expect(items[0]).toMatchObject({ id: 'D1:1', session: 's1', kind: 'episode', speaker: 'alice' });
      // With the neighbour signal on, the turn after a hit rises with it (question → answer pairs).
      expect(items.map((item) => item.id)).toContain('D1:2');
      // A turn with no term in common and no neighbouring hit is not recalled.
      expect(items.map((item) => item.id)).not.toContain('D2:1');
    });

    it('finds a second hop through a name in the first, and a repeated turn takes one place', async () => {
      await memory.addTurns(alice, [
        { id: 'a', session: 's1', text: 'My cousin Sofia is coming to stay with us.', at: t0 },
        { id: 'r1', session: 's2', text: 'My cousin called yesterday.', at: t0 + day },
        { id: 'r2', session: 's3', text: 'My cousin called yesterday.', at: t0 + 2 * day },
        { id: 'b', session: 's4', text: 'Sofia told me all about her trip to Peru.', at: t0 + 3 * day },
      ]);
      const question = 'Which country did my cousin visit?';
      const ids = (await memory.recall(alice, question, { k: 3, kinds: ['episode'] })).map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining(['a', 'b']));
      expect(ids.filter((id) => id.startsWith('r'))).toHaveLength(1);
      const single = await memory.recall(alice, question, {
        k: 3,
        kinds: ['episode'],
        weights: { bridge: 0 },
      });
      expect(single.map((item) => item.id)).not.toContain('b');
    });

    it('summarises a finished session extractively, or with the model', async () => {
      await memory.addTurns(alice, [
        { id: 'a', session: 's1', text: 'We are planning a trip to Japan in October.', at: t0 },
        { id: 'b', session: 's1', role: 'assistant', text: 'Japan in October is beautiful.', at: t0 + 1 },
        { id: 'c', session: 's1', text: 'ok', at: t0 + 2 },
      ]);
      const summary = await memory.endSession(alice, 's1');
      expect(summary?.text).toContain('Japan');
      expect(summary?.episodeIds).toEqual(['a', 'b', 'c']);
      const model = createScriptedModel([{ text: 'Alice plans a trip to Japan in October.' }]);
      const withModel = createMemory({ store, model, extractFacts: false });
      expect((await withModel.endSession(alice, 's1'))?.text).toBe('Alice plans a trip to Japan in October.');
      expect(JSON.stringify(model.calls[0].options.prompt)).toContain('planning a trip to Japan');
      const found = await withModel.recall(alice, 'Japan trip', { kinds: ['summary'] });
      expect(found.map((item) => item.id)).toEqual(['summary:s1']);
    });

    it('rejects empty queries, bad k and malformed turns with clear codes', async () => {
      await expect(memory.recall(alice, '  ')).rejects.toMatchObject({ code: 'MEMORY_INPUT_INVALID' });
      await expect(memory.recall(alice, 'x', { k: 0 })).rejects.toMatchObject({
        code: 'MEMORY_INPUT_INVALID',
      });
      await expect(memory.addTurns(alice, [{ session: 's', text: '' }])).rejects.toMatchObject({
        code: 'MEMORY_INPUT_INVALID',
      });
      await expect(
        memory.addTurns(alice, [{ session: 's', text: 'x', at: 'not a date' }]),
      ).rejects.toMatchObject({
        code: 'MEMORY_INPUT_INVALID',
      });
      await expect(memory.recall({ user: '' }, 'x')).rejects.toMatchObject({ code: 'MEMORY_SCOPE_INVALID' });
    });
  });

  describe('semantic memory', () => {
    it('consolidates: a duplicate adds provenance, an update supersedes with provenance, nothing is deleted', async () => {
      const first = await memory.addTurns(alice, [
        { id: 'm1', session: 's1', text: 'I live in Lyon.', at: t0 },
      ]);
      expect(first.facts).toMatchObject([{ action: 'added', fact: { key: 'location', value: 'Lyon' } }]);
      const again = await memory.addTurns(alice, [
        { id: 'm2', session: 's2', text: 'As I said, I live in Lyon.', at: t0 + day },
      ]);
      expect(again.facts).toMatchObject([{ action: 'duplicate', fact: { sourceIds: ['m1', 'm2'] } }]);
      const moved = await memory.addTurns(alice, [
        { id: 'm3', session: 's3', text: 'Big news: I moved to Paris, and I love it.', at: t0 + 30 * day },
      ]);
      expect(moved.facts.find((change) => change.fact.key === 'location')).toMatchObject({
        action: 'superseded',
        fact: { value: 'Paris', sourceIds: ['m3'] },
        replaced: { value: 'Lyon' },
      });
      const all = await memory.facts(alice, { includeSuperseded: true });
      const lyon = all.find((fact) => fact.value === 'Lyon')!;
      const paris = all.find((fact) => fact.value === 'Paris')!;
      expect(lyon).toMatchObject({ status: 'superseded', supersededBy: paris.id });
      expect(
        (await memory.facts(alice)).filter((fact) => fact.key === 'location').map((fact) => fact.value),
      ).toEqual(['Paris']);
      // Recall of facts sees only the current one.
      const items = await memory.recall(alice, 'where does alice live', { kinds: ['fact'] });
      expect(items.map((item) => item.text)).toEqual(['alice lives in Paris']);
      expect(items[0].sourceIds).toEqual(['m3']);
    });

    it('replaces a contradicted preference', async () => {
      await memory.addTurns(alice, [{ id: 'a', session: 's1', text: 'I really like sushi.', at: t0 }]);
      const changed = await memory.addTurns(alice, [
        { id: 'b', session: 's2', text: "I don't like sushi anymore.", at: t0 + day },
      ]);
      expect(changed.facts).toMatchObject([
        {
          action: 'superseded',
          fact: { text: 'alice dislikes sushi' },
          replaced: { text: 'alice likes sushi' },
        },
      ]);
      expect((await memory.facts(alice)).map((fact) => fact.text)).toEqual(['alice dislikes sushi']);
    });

    it('extracts facts with the configured model, and falls back to rules on a broken reply', async () => {
      const model = createScriptedModel([
        { text: '{"facts": [{"key": "Employer", "value": "Initech", "text": "Alice works at Initech"}]}' },
        { text: 'sorry, I cannot' },
      ]);
      const withModel = createMemory({ store, model });
      const result = await withModel.addTurns(alice, [
        { id: 'x', session: 's1', text: 'New job at Initech starting Monday!', at: t0 },
      ]);
      expect(result.facts).toMatchObject([
        { action: 'added', fact: { key: 'employer', value: 'Initech', sourceIds: ['x'] } },
      ]);
      const fallback = await withModel.addTurns(alice, [
        { id: 'y', session: 's2', text: 'I work at Globex now.', at: t0 + day },
      ]);
      expect(fallback.facts).toMatchObject([
        { action: 'superseded', fact: { value: 'Globex' }, replaced: { value: 'Initech' } },
      ]);
      model.assertComplete();
    });

    it('remember stores an explicit fact under a key', async () => {
      const change = await memory.remember(alice, { text: 'Prefers answers in French', key: 'language' });
      expect(change).toMatchObject({
        action: 'added',
        fact: { key: 'language', text: 'Prefers answers in French' },
      });
      const replaced = await memory.remember(alice, { text: 'Prefers answers in German', key: 'language' });
      expect(replaced.action).toBe('superseded');
    });
  });

  describe('temporal recall', () => {
    beforeEach(async () => {
      await memory.addTurns(alice, [
        { id: 'old', session: 's1', text: 'I baked bread today.', at: t0 },
        { id: 'may', session: 's2', text: 'I baked a cake for the party.', at: Date.UTC(2024, 4, 20) },
        { id: 'move', session: 's3', text: 'I moved to Berlin this weekend.', at: Date.UTC(2024, 5, 10) },
        { id: 'recent', session: 's4', text: 'I baked cookies with my nephew.', at: clock - 3 * day },
      ]);
    });

    it('reads "last week", "in May" and "before I moved" as time filters', async () => {
      expect(
        (await memory.recall(alice, 'what did I bake last week?', { k: 5 })).map((item) => item.id),
      ).toEqual(['recent']);
      const may = (await memory.recall(alice, 'what did I bake in May 2024?', { k: 5 })).map(
        (item) => item.id,
      );
      expect(may).toEqual(expect.arrayContaining(['old', 'may']));
      expect(may).not.toContain('recent');
      const before = (await memory.recall(alice, 'what did I bake before I moved to Berlin?', { k: 5 })).map(
        (item) => item.id,
      );
      expect(before).toContain('may');
      expect(before).not.toContain('recent');
    });

    it('takes explicit from/to filters and lets temporal parsing be switched off', async () => {
      const items = await memory.recall(alice, 'baked', { from: '2024-05-10', to: '2024-06-20' });
      expect(items[0].id).toBe('may');
      expect(items.map((item) => item.id)).not.toEqual(expect.arrayContaining(['old']));
      expect(items.map((item) => item.id)).not.toEqual(expect.arrayContaining(['recent']));
      const all = await memory.recall(alice, 'what did I bake last week?', {
        temporal: false,
        kinds: ['episode'],
      });
      expect(
        all
          .slice(0, 3)
          .map((item) => item.id)
          .sort(),
      ).toEqual(['may', 'old', 'recent']);
    });
  });

  describe('forgetting', () => {
    it('expires turns and facts after their TTL', async () => {
      const short = createMemory({ store, now: () => clock, ttl: { episodesMs: day } });
      await short.addTurns(alice, [{ id: 'e1', session: 's', text: 'I live in Oslo.', at: clock }]);
      await short.addTurns(alice, [
        { id: 'e2', session: 's', text: 'Remember the Oslo trip.', at: clock, ttlMs: 10 * day },
      ]);
      await short.remember(alice, { text: 'Oslo is cold', key: 'weather', ttlMs: 2 * day });
      expect((await short.recall(alice, 'Oslo')).length).toBe(4);
      clock += 2 * day;
      expect(await short.expire()).toBe(2);
      const left = await short.recall(alice, 'Oslo');
      // The extracted location fact has no TTL; the episode TTL applies to turns.
      expect(left).toHaveLength(2);
      expect(left.map((item) => item.id)).toContain('e2');
      expect(left.find((item) => item.id !== 'e2')).toMatchObject({
        kind: 'fact',
        text: 'alice lives in Oslo',
      });
    });

    it('forgets items by id, in the store and in the index', async () => {
      await memory.addTurns(alice, [
        { id: 'secret', session: 's', text: 'My password hint is blue giraffe.', at: t0 },
      ]);
      expect((await memory.recall(alice, 'giraffe')).map((item) => item.id)).toContain('secret');
      expect(await memory.forget(alice, ['secret', 'nope'])).toEqual(['secret']);
      expect((await memory.recall(alice, 'giraffe')).map((item) => item.id)).not.toContain('secret');
    });
  });
});
