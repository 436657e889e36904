// ThreadedPool (the sockets on a wire thread) on a real loopback socket: the same contract as RawPool
// (keep-alive reuse, one re-send on a stale reused connection, a clear failure on a reset fresh one), and
// what it is for: a read is stamped when it arrives even while the main thread is busy.
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, get, startContractServer } from './pool-contract.test-helpers.js';
import { ThreadedPool } from './threaded-pool.js';

let server: ContractServer;

/** A server on a thread of its own (so that it writes while this thread is busy): a chunked answer in
 * two chunks 60 ms apart. Resolves to its origin and a stop function. */
async function streamServer(): Promise<{ origin: URL; stop: () => Promise<number> }> {
  const worker = new Worker(
    `const net = require('node:net');
     const { parentPort } = require('node:worker_threads');
     const server = net.createServer((socket) => socket.once('data', () => {
       socket.write('HTTP/1.1 200 OK\\r\\ntransfer-encoding: chunked\\r\\n\\r\\n3\\r\\none\\r\\n');
       setTimeout(() => socket.write('3\\r\\ntwo\\r\\n0\\r\\n\\r\\n'), 60);
     }));
     server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return { origin: new URL(`http://127.0.0.1:${port}`), stop: () => worker.terminate() };
}

beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());

describe('ThreadedPool', () => {
  it('reuses a connection and sends again, once, when the reused one was closed', async () => {
    server.mode = 'drop-second';
    server.connections = 0;
    const pool = new ThreadedPool(server.origin, 5_000);
    try {
      expect(await get(pool)).toBe('200 ok');
      expect(await get(pool)).toBe('200 ok'); // the kept-alive connection is dropped: sent again
      expect(server.connections).toBe(2);
      expect(await get(pool)).toBe('200 ok'); // and again on the second connection
      expect(server.connections).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('reports a reset of a fresh connection instead of sending again', async () => {
    server.mode = 'reset';
    const pool = new ThreadedPool(server.origin, 5_000);
    try {
      expect(await get(pool)).toMatch(/^error /);
    } finally {
      await pool.close();
    }
  });

  it('stamps a read when it arrives, not when the busy main thread gets to it', async () => {
    const streaming = await streamServer();
    const pool = new ThreadedPool(streaming.origin, 5_000);
    const pieces: [number, number][] = [];
    try {
      const sent = performance.now();
      const answer = get(pool, (stamp, handled) => {
        pieces.push([stamp, handled]);
        // After the first piece, keep this thread busy well past the second one's arrival (60 ms later).
        if (pieces.length === 1) {
          const until = performance.now() + 250;
          while (performance.now() < until);
        }
      });
      expect(await answer).toBe('200 onetwo');
      expect(pieces).toHaveLength(2);
      const [[first], [second, handled]] = pieces;
      expect(first).toBeGreaterThanOrEqual(sent);
      // The second piece was handled only after the 250 ms busy loop, but stamped on arrival (~60 ms
      // after the first; generous bounds for a loaded machine): RawPool would stamp it ≥ 250 ms late.
      expect(handled - first).toBeGreaterThanOrEqual(250);
      expect(second - first).toBeGreaterThanOrEqual(50);
      expect(second - first).toBeLessThan(handled - first - 60);
    } finally {
      await pool.close();
      await streaming.stop();
    }
  });

  it('spins while a request is in flight and sleeps once none is (option spin)', async () => {
    const streaming = await streamServer();
    const pool = new ThreadedPool(streaming.origin, 5_000, {}, { spin: true });
    const tid = await pool.wireThreadId;
    /** ms the wire thread has been on a CPU (Linux), or undefined. */
    const cpuMs = () =>
      tid === undefined || process.platform !== 'linux'
        ? undefined
        : Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    try {
      const before = cpuMs();
      const pieces: number[] = [];
      expect(await get(pool, (stamp) => pieces.push(stamp))).toBe('200 onetwo');
      expect(pieces[1] - pieces[0]).toBeGreaterThanOrEqual(50); // stamped on arrival, 60 ms apart
      const during = cpuMs();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const idle = cpuMs();
      if (before !== undefined && during !== undefined && idle !== undefined) {
        // The ≥ 60 ms in flight were spent polling (generous for a loaded machine); the 200 ms after
        // them asleep.
        expect(during - before).toBeGreaterThan(10);
        expect(idle - during).toBeLessThan(10);
      }
    } finally {
      await pool.close();
      await streaming.stop();
    }
  });

  it('collects its garbage between runs on request and works on after it', async () => {
    server.mode = 'drop-second';
    const pool = new ThreadedPool(server.origin, 5_000);
    try {
      expect(await get(pool)).toBe('200 ok');
      const collections = pool.wireGc[0];
      expect(await pool.settle()).toBe(true);
      expect(await get(pool)).toBe('200 ok');
      // Two scavenges and a full collection, as its own GC observer counted them.
      expect(pool.wireGc[0]).toBeGreaterThanOrEqual(collections + 3);
      expect(pool.wireGc[5] & 4).toBe(4); // a mark-compact among them
    } finally {
      await pool.close();
    }
    expect(await pool.settle()).toBe(false);
  });

  it('tells its kernel thread id (Linux) and fails requests after close', async () => {
    server.mode = 'drop-second';
    const pool = new ThreadedPool(server.origin, 5_000);
    const tid = await pool.wireThreadId;
    if (process.platform === 'linux') {
      expect(tid).toBeGreaterThan(0);
      expect(tid).not.toBe(process.pid);
      expect(existsSync(`/proc/self/task/${tid}`)).toBe(true);
    }
    await pool.close();
    expect(await get(pool)).toBe('error the connection pool is closed');
  });
});
