// RawPool on a real loopback socket: keep-alive reuse, one re-send when a reused connection turns out
// closed, and a clear failure (no endless re-sending) when a fresh connection is reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, get, startContractServer } from './pool-contract.test-helpers.js';
import { RawPool, wireTiming, wireTrace } from './raw-pool.js';

let server: ContractServer;

beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());

describe('RawPool', () => {
  it('reuses a connection and sends again, once, when the reused one was closed', async () => {
    server.mode = 'drop-second';
    server.connections = 0;
    const pool = new RawPool(server.origin, 5_000);
    expect(await get(pool)).toBe('200 ok');
    expect(await get(pool)).toBe('200 ok'); // the kept-alive connection is dropped: sent again
    expect(server.connections).toBe(2);
    expect(await get(pool)).toBe('200 ok'); // and again on the second connection
    expect(server.connections).toBe(3);
    await pool.close();
  });

  it('parses a batch of reads in short passes, each read once and in order', async () => {
    server.mode = 'drop-second';
    const pools = Array.from({ length: 40 }, () => new RawPool(server.origin, 5_000));
    const passes: number[] = [];
    const slice = wireTiming.sliceMs;
    wireTiming.sliceMs = 1e-6; // every pass yields after one read
    wireTrace.onPass = (_start, _end, reads) => passes.push(reads);
    try {
      const answers = await Promise.all(pools.map((pool) => get(pool)));
      expect(answers).toEqual(pools.map(() => '200 ok'));
    } finally {
      wireTiming.sliceMs = slice;
      wireTrace.onPass = undefined;
      await Promise.all(pools.map((pool) => pool.close()));
    }
    expect(passes.reduce((a, b) => a + b, 0)).toBe(40);
    expect(Math.max(...passes)).toBe(1);
  });

  it('reports a reset of a fresh connection instead of sending again', async () => {
    server.mode = 'reset';
    const pool = new RawPool(server.origin, 5_000);
    expect(await get(pool)).toMatch(/^error /);
    await pool.close();
  });
});
