import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AgentRunRepository } from './agent/index.js';
import { storeDomains } from './domains.js';
import { migrations } from './migrations.js';
import { openSqliteStore, type Store } from './store.js';
import type { SpanRepository } from './trace/index.js';

describe('store domains', () => {
  it('each own their migrations inside their own id range, and ranges do not overlap', () => {
    const ranges = storeDomains.map((d) => d.migrationIds).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    for (const domain of storeDomains) {
      const [first, last] = domain.migrationIds;
      for (const migration of domain.sqlite.migrations) {
        expect(migration.id, `${domain.name} migration ${migration.name}`).toBeGreaterThanOrEqual(first);
        expect(migration.id, `${domain.name} migration ${migration.name}`).toBeLessThanOrEqual(last);
      }
    }
    expect(new Set(storeDomains.map((d) => d.name)).size).toBe(storeDomains.length);
  });

  it('give the migration list, in id order, every migration once', () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      storeDomains.flatMap((d) => d.sqlite.migrations.map((m) => m.id)).sort((a, b) => a - b),
    );
  });

  it("assemble the Store's repositories, one field per repository, none shared between domains", async () => {
    const store = openSqliteStore({ path: ':memory:' });
    try {
      const fields = storeDomains.flatMap((d) => Object.keys(d.sqlite.create(store.database)));
      expect(new Set(fields).size).toBe(fields.length);
      for (const field of fields) expect(store, field).toHaveProperty(field);
    } finally {
      await store.close();
    }
    expectTypeOf<Store['spans']>().toEqualTypeOf<SpanRepository>();
    expectTypeOf<Store['agentRuns']>().toEqualTypeOf<AgentRunRepository>();
  });
});
