// The memory domain's contract: the behaviour every backend's memory repository must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { MemoryRepositories, MemoryRepository } from './repository.js';
import type { MemoryEpisodeRecord, MemoryFactRecord } from './types.js';

export function episode(
  overrides: Partial<MemoryEpisodeRecord> & Pick<MemoryEpisodeRecord, 'id'>,
): MemoryEpisodeRecord {
  return {
    tenant: 't',
    user: 'alice',
    session: 's1',
    speaker: 'alice',
    role: 'user',
    text: `turn ${overrides.id}`,
    at: 1_700_000_000_000,
    importance: 0.5,
    expiresAt: null,
    metadata: {},
    ...overrides,
  };
}

function fact(overrides: Partial<MemoryFactRecord> & Pick<MemoryFactRecord, 'id'>): MemoryFactRecord {
  return {
    tenant: 't',
    user: 'alice',
    key: 'location',
    value: 'Lyon',
    text: 'alice lives in Lyon',
    status: 'active',
    supersededBy: null,
    sourceIds: ['e1'],
    importance: 0.8,
    validFrom: 1_700_000_000_000,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    expiresAt: null,
    ...overrides,
  };
}

export const memoryContract: DomainContract<MemoryRepositories> = (backend, open) => {
  describe(`memory domain contract: ${backend}`, () => {
    let repository: MemoryRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      const store = await open();
      repository = store.memory;
      close = () => store.close();
    });
    afterEach(async () => close());

    it('keeps the same episode id apart for two users and lists by time and session', async () => {
      await repository.addEpisodes([
        episode({ id: 'D1:1', text: 'alice one', at: 3 }),
        episode({ id: 'D1:2', text: 'alice two', at: 1, session: 's0' }),
        episode({ id: 'D1:1', user: 'bob', text: 'bob one', at: 2 }),
      ]);
      const alice = await repository.listEpisodes({ tenant: 't', user: 'alice' });
      expect(alice.map((e) => e.text)).toEqual(['alice two', 'alice one']);
      expect(
        (await repository.listEpisodes({ tenant: 't', user: 'alice', order: 'desc', limit: 1 }))[0].id,
      ).toBe('D1:1');
      expect(
        (await repository.listEpisodes({ tenant: 't', user: 'alice', session: 's0' })).map((e) => e.id),
      ).toEqual(['D1:2']);
      expect(
        (await repository.listEpisodes({ tenant: 't', user: 'alice', from: 2, to: 5 })).map((e) => e.id),
      ).toEqual(['D1:1']);
      expect((await repository.getEpisodes('t', 'bob', ['D1:1', 'D1:2'])).map((e) => e.text)).toEqual([
        'bob one',
      ]);
      expect(await repository.listSessions('t', 'alice')).toEqual([
        { session: 's0', from: 1, to: 1, turns: 1 },
        { session: 's1', from: 3, to: 3, turns: 1 },
      ]);
    });

    it('breaks ties on time by insertion order, both ways, for episodes, facts and summaries', async () => {
      await repository.addEpisodes([episode({ id: 'e3' }), episode({ id: 'e1' }), episode({ id: 'e2' })]);
      await repository.addEpisodes([episode({ id: 'e0' })]);
      const ids = async (order: 'asc' | 'desc', limit?: number) =>
        (await repository.listEpisodes({ tenant: 't', user: 'alice', order, limit })).map((e) => e.id);
      expect(await ids('asc')).toEqual(['e3', 'e1', 'e2', 'e0']);
      expect(await ids('desc', 2)).toEqual(['e0', 'e2']);
      // Replacing an episode makes it the newest of its tie, as a fresh insert does.
      await repository.addEpisodes([episode({ id: 'e3', text: 'again' })]);
      expect(await ids('asc')).toEqual(['e1', 'e2', 'e0', 'e3']);
      expect((await repository.getEpisodes('t', 'alice', ['e0', 'nope', 'e3'])).map((e) => e.text)).toEqual([
        'turn e0',
        'again',
      ]);
      for (const id of ['fz', 'fa', 'fm']) await repository.addFact(fact({ id }));
      expect((await repository.listFacts('t', 'alice')).map((f) => f.id)).toEqual(['fz', 'fa', 'fm']);
      for (const id of ['sz', 'sa']) {
        await repository.putSummary({
          tenant: 't',
          user: 'alice',
          id,
          session: 's1',
          text: id,
          from: 0,
          to: 1,
          episodeIds: [],
          createdAt: 1,
        });
      }
      expect((await repository.listSummaries('t', 'alice', 's1')).map((s) => s.id)).toEqual(['sz', 'sa']);
    });

    it('lets only one of two concurrent first writes of a profile win', async () => {
      const write = (runId: string) =>
        repository.saveProfile(
          { tenant: 't', user: 'alice', thread: 'x', data: { runId }, version: 1, updatedAt: 1 },
          { expectedVersion: 0, changes: { runId }, source: { runId } },
        );
      const results = await Promise.allSettled([write('r1'), write('r2')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [failed] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failed.reason).toMatchObject({ code: 'MEMORY_PROFILE_CONFLICT' });
      expect(await repository.listProfileVersions('t', 'alice', 'x')).toHaveLength(1);
    });

    it('supersedes a fact without deleting it', async () => {
      await repository.addFact(fact({ id: 'f1' }));
      await repository.addFact(
        fact({ id: 'f2', value: 'Paris', text: 'alice lives in Paris', validFrom: 5 }),
      );
      await repository.updateFact('t', 'alice', 'f1', {
        status: 'superseded',
        supersededBy: 'f2',
        updatedAt: 9,
      });
      const active = await repository.listFacts('t', 'alice', { status: 'active' });
      expect(active.map((f) => f.value)).toEqual(['Paris']);
      const all = await repository.listFacts('t', 'alice', { key: 'location' });
      expect(all.find((f) => f.id === 'f1')).toMatchObject({
        status: 'superseded',
        supersededBy: 'f2',
        updatedAt: 9,
      });
    });

    it('versions profiles and refuses a stale write', async () => {
      const base = { tenant: 't', user: 'alice', thread: '', updatedAt: 1 };
      await repository.saveProfile(
        { ...base, data: { name: 'Alice' }, version: 1 },
        { expectedVersion: 0, changes: { name: 'Alice' }, source: { runId: 'r1' } },
      );
      await repository.saveProfile(
        { ...base, data: { name: 'Alice', city: 'Lyon' }, version: 2 },
        { expectedVersion: 1, changes: { city: 'Lyon' }, source: { runId: 'r2', messageId: 'm' } },
      );
      await expect(
        repository.saveProfile(
          { ...base, data: {}, version: 2 },
          { expectedVersion: 1, changes: {}, source: {} },
        ),
      ).rejects.toMatchObject({ code: 'MEMORY_PROFILE_CONFLICT' });
      expect(await repository.getProfile('t', 'alice', '')).toMatchObject({
        version: 2,
        data: { city: 'Lyon' },
      });
      expect(
        (await repository.listProfileVersions('t', 'alice', '')).map((v) => [v.version, v.source.runId]),
      ).toEqual([
        [1, 'r1'],
        [2, 'r2'],
      ]);
      expect(await repository.getProfile('t', 'bob', '')).toBeUndefined();
    });

    it('keeps the last of an id named twice in one batch, at its last position (episodes, vectors)', async () => {
      await repository.addEpisodes([
        episode({ id: 'x', text: 'first' }),
        episode({ id: 'y' }),
        episode({ id: 'x', text: 'second' }),
        episode({ id: 'z' }),
      ]);
      const listed = await repository.listEpisodes({ tenant: 't', user: 'alice' });
      expect(listed.map((e) => [e.id, e.text])).toEqual([
        ['y', 'turn y'],
        ['x', 'second'],
        ['z', 'turn z'],
      ]);
      await repository.putVectors([
        { tenant: 't', user: 'alice', id: 'x', vector: new Float32Array([1, 0]) },
        { tenant: 't', user: 'alice', id: 'x', vector: new Float32Array([0, 1]) },
      ]);
      await repository.putVectors([
        { tenant: 't', user: 'alice', id: 'y', vector: new Float32Array([1, 1]) },
      ]);
      await repository.putVectors([
        { tenant: 't', user: 'alice', id: 'y', vector: new Float32Array([2, 2]) },
      ]);
      const vectors = (await repository.listVectors('t', 'alice'))
        .map((v) => [v.id, [...v.vector]])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
      expect(vectors).toEqual([
        ['x', [0, 1]],
        ['y', [2, 2]],
      ]);
    });

    it('deletes expired rows, single items and a whole user, everywhere', async () => {
      await repository.addEpisodes([
        episode({ id: 'a', expiresAt: 10 }),
        episode({ id: 'b' }),
        episode({ id: 'b', user: 'bob' }),
      ]);
      await repository.putVectors([
        { tenant: 't', user: 'alice', id: 'a', vector: new Float32Array([1, 0]) },
        { tenant: 't', user: 'alice', id: 'b', vector: new Float32Array([0, 1]) },
        { tenant: 't', user: 'bob', id: 'b', vector: new Float32Array([0, 1]) },
      ]);
      expect(await repository.deleteExpired(10)).toEqual([{ tenant: 't', user: 'alice', id: 'a' }]);
      expect((await repository.listVectors('t', 'alice')).map((v) => [v.id, [...v.vector]])).toEqual([
        ['b', [0, 1]],
      ]);
      await repository.addFact(fact({ id: 'f' }));
      await repository.putSummary({
        tenant: 't',
        user: 'alice',
        id: 'sum',
        session: 's1',
        text: 'x',
        from: 0,
        to: 1,
        episodeIds: ['b'],
        createdAt: 1,
      });
      await repository.saveProfile(
        { tenant: 't', user: 'alice', thread: '', data: { a: 1 }, version: 1, updatedAt: 1 },
        { expectedVersion: 0, changes: { a: 1 }, source: {} },
      );
      expect(await repository.deleteItems('t', 'alice', ['f', 'missing'])).toEqual(['f']);
      const erased = await repository.eraseUser('t', 'alice');
      expect(erased).toEqual({
        episodes: 1,
        summaries: 1,
        facts: 0,
        profiles: 1,
        profileVersions: 1,
        vectors: 1,
      });
      expect(Object.values(await repository.countUserRows('t', 'alice')).every((n) => n === 0)).toBe(true);
      expect(await repository.countUserRows('t', 'bob')).toMatchObject({ episodes: 1, vectors: 1 });
    });
  });
};
