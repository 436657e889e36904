// Two processes' worth of memory on one SQLite file: each handle keeps its own in-memory index per
// user, so a handle sees another's writes and erasures only once its index is rebuilt
// (indexMaxAgeMs bounds how long that takes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemory } from '../src/memory/index.js';
import { openSqliteStore } from '../src/store/index.js';

const folder = mkdtempSync(join(tmpdir(), 'memory-shared-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('memory on one database shared by two handles', () => {
  it('a stale index misses the other handle’s writes; with indexMaxAgeMs it refreshes, erasures included', async () => {
    const path = join(folder, 'shared.db');
    const writerStore = openSqliteStore({ path });
    const readerStore = openSqliteStore({ path });
    let clock = 1_000_000;
    const now = () => clock;
    const writer = createMemory({ store: writerStore, now });
    const stale = createMemory({ store: readerStore, now });
    const fresh = createMemory({ store: readerStore, now, indexMaxAgeMs: 1000 });
    const scope = { user: 'maya' };
    await writer.addTurns(scope, [{ id: 'D1:1', session: 's1', text: 'I adopted a beagle called Biscuit.' }]);
    // Both readers build their index now.
    for (const reader of [stale, fresh])
      expect((await reader.recall(scope, 'beagle')).map((item) => item.id)).toContain('D1:1');

    await writer.addTurns(scope, [{ id: 'D2:1', session: 's2', text: 'My sister Lena moved to Porto.' }]);
    clock += 500;
    expect(await fresh.recall(scope, 'Porto')).toEqual([]);
    clock += 600;
    expect((await fresh.recall(scope, 'Porto')).map((item) => item.id)).toContain('D2:1');
    expect(await stale.recall(scope, 'Porto')).toEqual([]);

    await writer.eraseUser(scope);
    clock += 1100;
    expect(await fresh.recall(scope, 'beagle')).toEqual([]);
    // Without a bound the old index still answers from memory until it is cleared.
    expect((await stale.recall(scope, 'beagle')).length).toBeGreaterThan(0);
    stale.clearIndexes();
    expect(await stale.recall(scope, 'beagle')).toEqual([]);
    await writerStore.close();
    await readerStore.close();
  });
});
