// The gateway domain's contract: the behaviour every backend's key and usage repositories must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { TraceRepositories } from '../trace/repository.js';
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

    it("reads a usage row's span back as a one-span trace (migration 304), beside spans of its own", async () => {
      // The contract runs on whole stores: the trace domain's repository reads the gateway's rows.
      const spans = (store as unknown as Partial<TraceRepositories>).spans;
      if (!spans) throw new Error('the gateway contract needs a whole store (spans and gateway usage)');
      const traceId = `${day.toString(16).padStart(12, '0')}00112233445566778899`;
      const later = `${(day + 5).toString(16).padStart(12, '0')}aabbccddeeff00112233`;
      await store.gatewayUsage.saveUsage([
        usage({
          span: {
            traceId,
            spanId: '0123456789abcdef',
            startTime: day - 12.5,
            responseModel: 'm-2024',
            extra: null,
          },
        }),
        usage({
          createdAt: day + 5,
          status: 502,
          cached: true,
          costUsd: 0,
          cachedTokens: 3,
          upstream: null,
          span: {
            traceId: later,
            spanId: 'fedcba9876543210',
            startTime: day + 5 - 12.5,
            responseModel: null,
            extra: {
              attributes: { 'gantry.cost.usd': 0.5, 'error.type': 'GATEWAY_UPSTREAM' },
              statusMessage: 'bad gateway',
            },
          },
        }),
        usage({ createdAt: day + 1 }),
      ]);
      await spans.saveSpans([
        {
          traceId: 'other',
          spanId: 's1',
          parentSpanId: null,
          name: 'agent run',
          kind: 'internal',
          startTime: day + 1,
          endTime: day + 2,
          status: 'ok',
          attributes: {},
        },
      ]);
      expect(await spans.getTrace(traceId)).toEqual([
        {
          traceId,
          spanId: '0123456789abcdef',
          parentSpanId: null,
          name: 'chat fast',
          kind: 'server',
          startTime: day - 12.5,
          endTime: day,
          status: 'ok',
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.request.model': 'fast',
            'gen_ai.response.model': 'm-2024',
            'gen_ai.usage.input_tokens': 10,
            'gen_ai.usage.output_tokens': 5,
            'gantry.cost.usd': 0.25,
            'gantry.gateway.upstream': 'local',
            'gantry.gateway.cached': false,
            'gantry.gateway.stream': false,
            'http.response.status_code': 200,
          },
        },
      ]);
      const [failed] = await spans.getTrace(later);
      expect(failed).toMatchObject({ status: 'error', statusMessage: 'bad gateway', endTime: day + 5 });
      expect(failed.attributes).toEqual({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'fast',
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.usage.cache_read_input_tokens': 3,
        'gantry.cost.usd': 0.5,
        'gantry.gateway.cached': true,
        'gantry.gateway.stream': false,
        'http.response.status_code': 502,
        'error.type': 'GATEWAY_UPSTREAM',
      });
      // A trace id with the time prefix of a row but another id, and one that cannot be a gateway's.
      expect(await spans.getTrace(`${traceId.slice(0, 12)}ffffffffffffffffffff`)).toEqual([]);
      expect(await spans.getTrace('other')).toHaveLength(1);
      const listed = await spans.listTraces({ limit: 10 });
      expect(listed.map((t) => [t.traceId, t.rootName, t.spanCount, t.status])).toEqual([
        ['other', 'agent run', 1, 'ok'],
        [later, 'chat fast', 1, 'error'],
        [traceId, 'chat fast', 1, 'ok'],
      ]);
      expect(listed[2].durationMs).toBe(12.5);
      expect((await spans.listTraces({ limit: 2 })).map((t) => t.traceId)).toEqual(['other', later]);
      // The usage rows themselves are unchanged by their spans.
      expect((await store.gatewayUsage.totalsForKey('k1')).requests).toBe(3);
    });
  });
};
