// The gateway domain's contract: the behaviour every backend's key and usage repositories must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { GatewayRepositories } from './repository.js';
import type { GatewayKeyRecord, GatewayUsageRecord } from './types.js';

const key = (overrides: Partial<GatewayKeyRecord> & Pick<GatewayKeyRecord, 'id'>): GatewayKeyRecord => ({
  name: `key ${overrides.id}`,
  keyHash: `hash-${overrides.id}`,
  keyPrefix: 'gk_abc',
  createdAt: 1_700_000_000_000,
  revokedAt: null,
  limits: {},
  models: null,
  ...overrides,
});

const day = Date.UTC(2026, 0, 15, 12);
const usage = (overrides: Partial<GatewayUsageRecord> = {}): GatewayUsageRecord => ({
  keyId: 'k1',
  model: 'fast',
  route: 'default',
  upstream: 'local',
  endpoint: 'chat',
  status: 200,
  stream: false,
  cached: false,
  inputTokens: 10,
  outputTokens: 5,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0.25,
  usageSource: 'upstream',
  durationMs: 12.5,
  createdAt: day,
  ...overrides,
});

export const gatewayContract: DomainContract<GatewayRepositories> = (backend, open) => {
  describe(`gateway domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates keys with limits and model lists, found by hash or id', async () => {
      const limited = key({
        id: 'k1',
        limits: { requestsPerMinute: 60, dailyBudgetUsd: 1.5 },
        models: ['fast', 'smart'],
      });
      await store.gatewayKeys.createKey(limited);
      await store.gatewayKeys.createKey(key({ id: 'k2', createdAt: 1_700_000_000_001 }));
      expect(await store.gatewayKeys.findKeyByHash('hash-k1')).toEqual(limited);
      expect(await store.gatewayKeys.getKey('k2')).toEqual(key({ id: 'k2', createdAt: 1_700_000_000_001 }));
      expect(await store.gatewayKeys.findKeyByHash('nope')).toBeUndefined();
      expect(await store.gatewayKeys.getKey('nope')).toBeUndefined();
    });

    it('refuses a second key with the same hash', async () => {
      await store.gatewayKeys.createKey(key({ id: 'k1' }));
      await expect(store.gatewayKeys.createKey(key({ id: 'k2', keyHash: 'hash-k1' }))).rejects.toThrow();
      expect((await store.gatewayKeys.listKeys()).map((k) => k.id)).toEqual(['k1']);
    });

    it('revokes a key once, keeping the first revocation time; lists active keys oldest first', async () => {
      await store.gatewayKeys.createKey(key({ id: 'b', createdAt: 2 }));
      await store.gatewayKeys.createKey(key({ id: 'a', createdAt: 1 }));
      await store.gatewayKeys.createKey(key({ id: 'c', createdAt: 3 }));
      expect(await store.gatewayKeys.revokeKey('b', 500)).toBe(true);
      expect(await store.gatewayKeys.revokeKey('b', 900)).toBe(true);
      expect(await store.gatewayKeys.revokeKey('missing', 900)).toBe(false);
      expect((await store.gatewayKeys.getKey('b'))?.revokedAt).toBe(500);
      expect((await store.gatewayKeys.listKeys()).map((k) => k.id)).toEqual(['a', 'c']);
      expect((await store.gatewayKeys.listKeys({ includeRevoked: true })).map((k) => k.id)).toEqual([
        'a',
        'b',
        'c',
      ]);
    });

    it('saves usage rows and lists them newest first, per key, limited', async () => {
      const rows = [
        usage({ model: 'first', stream: true, cached: true, usageSource: 'counted' }),
        usage({ model: 'second', keyId: null, upstream: null, status: 502, endpoint: 'embeddings' }),
        usage({ model: 'third', keyId: 'k2', costUsd: 0.125 }),
      ];
      await store.gatewayUsage.saveUsage(rows);
      await store.gatewayUsage.saveUsage([]);
      expect(await store.gatewayUsage.listUsage()).toEqual([...rows].reverse());
      expect((await store.gatewayUsage.listUsage({ keyId: 'k1' })).map((r) => r.model)).toEqual(['first']);
      expect((await store.gatewayUsage.listUsage({ limit: 2 })).map((r) => r.model)).toEqual([
        'third',
        'second',
      ]);
    });

    it('keeps the prompt-cache token counts of each row; a row saved without them reads 0', async () => {
      const { cachedTokens: _read, cacheWriteTokens: _written, ...older } = usage({ model: 'older' });
      await store.gatewayUsage.saveUsage([
        usage({ model: 'openai', inputTokens: 2_000, cachedTokens: 1_536 }),
        usage({ model: 'anthropic', inputTokens: 3_000, cachedTokens: 2_048, cacheWriteTokens: 512 }),
        older,
      ]);
      const listed = await store.gatewayUsage.listUsage();
      expect(listed.map((r) => [r.model, r.cachedTokens, r.cacheWriteTokens])).toEqual([
        ['older', 0, 0],
        ['anthropic', 2_048, 512],
        ['openai', 1_536, 0],
      ]);
      // The key's daily totals sum them too (`gantry keys usage`).
      await store.gatewayUsage.saveUsage([usage({ cachedTokens: 4, cacheWriteTokens: 1 })]);
      expect(await store.gatewayUsage.totalsForKey('k1')).toMatchObject({
        requests: 4,
        cachedTokens: 1_536 + 2_048 + 4,
        cacheWriteTokens: 513,
      });
    });

    it('totals a key by UTC day: all time, or from a day on; unknown keys total zero', async () => {
      const dayMs = 86_400_000;
      await store.gatewayUsage.saveUsage([
        usage({ createdAt: day - dayMs }),
        usage({ createdAt: day, inputTokens: 1, outputTokens: 2, costUsd: 0.5 }),
        usage({ keyId: null }),
      ]);
      // A second batch adds to the same day.
      await store.gatewayUsage.saveUsage([usage({ createdAt: day + 1000, costUsd: 0.125 })]);
      expect(await store.gatewayUsage.totalsForKey('k1')).toEqual({
        requests: 3,
        inputTokens: 21,
        outputTokens: 12,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        costUsd: 0.875,
      });
      expect(await store.gatewayUsage.totalsForKey('k1', '2026-01-15')).toEqual({
        requests: 2,
        inputTokens: 11,
        outputTokens: 7,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        costUsd: 0.625,
      });
      expect(await store.gatewayUsage.totalsForKey('k1', '2026-01-16')).toEqual({
        requests: 0,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        costUsd: 0,
      });
      expect((await store.gatewayUsage.totalsForKey('nobody')).requests).toBe(0);
    });
  });
};
