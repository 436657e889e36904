// RawPool on a real loopback socket: keep-alive reuse, one re-send when a reused connection turns out
// closed, and a clear failure (no endless re-sending) when a fresh connection is reset.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Exchange, RawPool, wireTiming, wireTrace } from './raw-pool.js';

let server: net.Server;
let origin: URL;
let connections = 0;
const sockets = new Set<net.Socket>();
/** 'drop-second': a connection's second request is answered by closing it; 'reset': every request. */
let mode: 'drop-second' | 'reset' = 'drop-second';

beforeAll(async () => {
  server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    let requests = 0;
    socket.on('data', (bytes) => {
      for (let at = bytes.indexOf('\r\n\r\n'); at >= 0; at = bytes.indexOf('\r\n\r\n', at + 4)) {
        requests++;
        if (mode === 'reset' || requests === 2) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(pool: RawPool): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    let status = 0;
    const exchange: Exchange = {
      onHead: (code) => {
        status = code;
      },
      onBody: (bytes, start, end) => {
        body += bytes.toString('latin1', start, end);
      },
      onEnd: () => resolve(`${status} ${body}`),
      onError: (error) => resolve(`error ${error.message}`),
    };
    pool.send(Buffer.from('GET / HTTP/1.1\r\nhost: x\r\n\r\n'), exchange);
  });
}

describe('RawPool', () => {
  it('reuses a connection and sends again, once, when the reused one was closed', async () => {
    mode = 'drop-second';
    connections = 0;
    const pool = new RawPool(origin, 5_000);
    expect(await get(pool)).toBe('200 ok');
    expect(await get(pool)).toBe('200 ok'); // the kept-alive connection is dropped: sent again
    expect(connections).toBe(2);
    expect(await get(pool)).toBe('200 ok'); // and again on the second connection
    expect(connections).toBe(3);
    await pool.close();
  });

  it('parses a batch of reads in short passes, each read once and in order', async () => {
    mode = 'drop-second';
    const pools = Array.from({ length: 40 }, () => new RawPool(origin, 5_000));
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
    mode = 'reset';
    const pool = new RawPool(origin, 5_000);
    expect(await get(pool)).toMatch(/^error /);
    await pool.close();
  });
});
