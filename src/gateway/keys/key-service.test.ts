// Issue 12, Medium 3: unknown tokens are remembered as hashes, in a bounded cache; over-long ones are
// refused without a lookup. Scopes and tenants are stored with the key.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/index.js';
import { createKeyService } from './key-service.js';
import { NegativeCache } from './negative-cache.js';

function counted() {
  const store = openSqliteStore({ path: ':memory:' });
  let lookups = 0;
  const repository = {
    ...store.gatewayKeys,
    findKeyByHash: (hash: string) => {
      lookups++;
      return store.gatewayKeys.findKeyByHash(hash);
    },
  };
  return { store, repository, lookups: () => lookups };
}

describe('key service', () => {
  it('bounds the unknown-key cache and keeps no raw token in it', async () => {
    const { repository, lookups } = counted();
    const keys = createKeyService(repository, { unknownKeyCacheEntries: 100 });
    expect(await keys.authenticate('unknown-0')).toBeUndefined();
    expect(await keys.authenticate('unknown-0')).toBeUndefined();
    expect(lookups()).toBe(1); // remembered
    for (let i = 1; i <= 1_000; i++) await keys.authenticate(`unknown-${i}`);
    expect(lookups()).toBe(1_001);
    // The first was pushed out (bounded at 100), so it is looked up again.
    await keys.authenticate('unknown-0');
    expect(lookups()).toBe(1_002);
  });

  it('refuses over-long tokens without a lookup', async () => {
    const { repository, lookups } = counted();
    const keys = createKeyService(repository);
    expect(await keys.authenticate('x'.repeat(15_000))).toBeUndefined();
    expect(keys.cached('x'.repeat(15_000))).toBeUndefined();
    expect(lookups()).toBe(0);
  });

  it('a negative cache holds hashes only, at most its capacity', () => {
    const cache = new NegativeCache(3, 60_000);
    for (const hash of ['a', 'b', 'c', 'd']) cache.add(hash, 0);
    expect(cache.size).toBe(3);
    expect(cache.has('a', 1)).toBe(false);
    expect(cache.has('d', 1)).toBe(true);
    expect(cache.has('d', 60_001)).toBe(false);
  });

  it('stores scopes and tenant, and a key created after a miss is found at once', async () => {
    const { store, repository } = counted();
    const keys = createKeyService(repository, { grants: store.gatewayKeyGrants });
    const { key, record } = await keys.create({ name: 'a', scopes: ['agents', 'rag'], tenant: 'acme' });
    expect(record).toMatchObject({ scopes: ['agents', 'rag'], tenant: 'acme' });
    expect(await keys.authenticate(key)).toMatchObject({ scopes: ['agents', 'rag'], tenant: 'acme' });
    const legacy = await createKeyService(repository).create({ name: 'old' });
    expect(await keys.authenticate(legacy.key)).toMatchObject({ scopes: ['gateway'], tenant: 'default' });
    await expect(keys.create({ name: 'b', limits: { requestsPerMinute: -5 } })).rejects.toMatchObject({
      code: 'USAGE_INVALID',
    });
  });
});
