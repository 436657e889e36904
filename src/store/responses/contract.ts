// The responses domain's contract: the behaviour every backend's stored-response repository must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { ResponsesRepositories } from './repository.js';
import type { StoredResponseRecord } from './types.js';

const record = (overrides: Partial<StoredResponseRecord> = {}): StoredResponseRecord => ({
  id: 'resp_1',
  tenant: 'acme',
  model: 'fast',
  response: { id: 'resp_1', object: 'response', output: [{ type: 'message' }], usage: { total_tokens: 7 } },
  messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'hello' },
  ],
  createdAt: 1_767_225_600_000,
  ...overrides,
});

export const responsesContract: DomainContract<ResponsesRepositories> = (backend, open) => {
  describe(`responses domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips a response with its conversation, for its own tenant only', async () => {
      await store.gatewayResponses.saveResponse(record());
      expect(await store.gatewayResponses.getResponse('acme', 'resp_1')).toEqual(record());
      expect(await store.gatewayResponses.getResponse('globex', 'resp_1')).toBeUndefined();
      expect(await store.gatewayResponses.getResponse('acme', 'resp_2')).toBeUndefined();
    });

    it('deletes only within the tenant, and reports whether it deleted', async () => {
      await store.gatewayResponses.saveResponse(record());
      expect(await store.gatewayResponses.deleteResponse('globex', 'resp_1')).toBe(false);
      expect(await store.gatewayResponses.getResponse('acme', 'resp_1')).toBeDefined();
      expect(await store.gatewayResponses.deleteResponse('acme', 'resp_1')).toBe(true);
      expect(await store.gatewayResponses.deleteResponse('acme', 'resp_1')).toBe(false);
      expect(await store.gatewayResponses.getResponse('acme', 'resp_1')).toBeUndefined();
    });

    it('replaces a response saved again under its id', async () => {
      await store.gatewayResponses.saveResponse(record());
      await store.gatewayResponses.saveResponse(record({ model: 'smart', messages: [] }));
      const found = await store.gatewayResponses.getResponse('acme', 'resp_1');
      expect(found?.model).toBe('smart');
      expect(found?.messages).toEqual([]);
    });
  });
};
