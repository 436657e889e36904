// ShardedPool (several wire threads) on a real loopback socket: requests dealt out in turn, each wire
// thread with its own connections, the ThreadedPool contract kept (one re-send on a stale reused
// connection), settle and close over every thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, get, startContractServer } from './pool-contract.test-helpers.js';
import { ShardedPool } from './sharded-pool.js';

let server: ContractServer;

beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());

describe('ShardedPool', () => {
  it('deals requests out over its wire threads in turn, each on connections of its own', async () => {
    server.mode = 'drop-second';
    server.connections = 0;
    const pool = new ShardedPool(3, server.origin, 5_000);
    try {
      const tids = await pool.wireThreadIds;
      expect(tids).toHaveLength(3);
      if (process.platform === 'linux') expect(new Set(tids).size).toBe(3);
      // One after another: each goes to the next thread, which opens its own first connection (a
      // single pool would have reused the first one, and the server drops a connection's second request).
      for (let i = 0; i < 3; i++) expect(await get(pool)).toBe('200 ok');
      expect(server.connections).toBe(3);
      // The fourth is the first thread's again: its kept-alive connection is dropped, sent again once.
      expect(await get(pool)).toBe('200 ok');
      expect(server.connections).toBe(4);
      expect(await pool.settle()).toBe(true);
      expect(pool.wireGc).toHaveLength(6);
    } finally {
      await pool.close();
    }
    expect(await get(pool)).toMatch(/^error the connection pool is closed/);
    expect(await pool.settle()).toBe(false);
  });

  it('refuses a thread count that is not a whole number of at least one', () => {
    expect(() => new ShardedPool(0, server.origin)).toThrow(/whole number of wire threads >= 1, not 0/);
    expect(() => new ShardedPool(1.5, server.origin)).toThrow(/not 1.5/);
  });
});
