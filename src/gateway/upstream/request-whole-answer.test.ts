import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientAbort } from './client-abort.js';
import { requestJsonAnswer, requestWholeAnswer } from './request-whole-answer.js';
import { UpstreamFailure } from './upstream-failure.js';

let server: Server | undefined;
let pool: Pool | undefined;

afterEach(async () => {
  await pool?.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  pool = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Pool> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
  return pool;
}

const request = (signal = new ClientAbort()) => ({
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json' },
  body: '{"model":"m"}',
  signal,
  name: 'up',
});

describe('requestWholeAnswer', () => {
  it('returns the status, headers and whole body, and sends the request body', async () => {
    let received = '';
    const dispatcher = await serve((req, res) => {
      req.on('data', (c: Buffer) => {
        received += c.toString();
      });
      req.on('end', () => {
        res.writeHead(429, { 'retry-after': '3' });
        res.write('{"error":');
        setTimeout(() => res.end('"slow down"}'), 10);
      });
    });
    const answer = await requestWholeAnswer(dispatcher, request());
    expect(received).toBe('{"model":"m"}');
    expect(answer.statusCode).toBe(429);
    expect(answer.headers['retry-after']).toBe('3');
    expect(answer.text).toBe('{"error":"slow down"}');
  });

  it('cancels the upstream request when the client goes away', async () => {
    let upstreamClosed = false;
    const dispatcher = await serve((req, res) => {
      res.on('close', () => {
        upstreamClosed = !res.writableFinished;
      });
      req.resume();
    });
    const signal = new ClientAbort();
    const pending = requestWholeAnswer(dispatcher, request(signal));
    setTimeout(() => signal.abort(), 30);
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamFailure);
    expect(signal.pending).toBeUndefined();
    for (let i = 0; i < 40 && !upstreamClosed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(upstreamClosed).toBe(true);
  });

  it('refuses to start for a client already gone', async () => {
    let calls = 0;
    const dispatcher = await serve((_req, res) => {
      calls++;
      res.end('{}');
    });
    const signal = new ClientAbort();
    signal.abort();
    await expect(requestWholeAnswer(dispatcher, request(signal))).rejects.toBeInstanceOf(UpstreamFailure);
    expect(calls).toBe(0);
  });

  it('reports an answer cut after its headers as a connection failure, and a silent one as a timeout', async () => {
    const dispatcher = await serve((req, res) => {
      req.resume();
      if (req.url?.includes('cut')) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => res.destroy(), 10);
      }
      // otherwise: never answers
    });
    const cut = await requestWholeAnswer(dispatcher, { ...request(), path: '/cut' }).catch((e) => e);
    expect(cut).toBeInstanceOf(UpstreamFailure);
    expect(cut.kind).toBe('connection');
    expect(cut.message).toContain('up: answer cut');
    const silent = await requestWholeAnswer(dispatcher, { ...request(), headersTimeout: 50 }).catch((e) => e);
    expect(silent).toBeInstanceOf(UpstreamFailure);
    expect(silent.kind).toBe('timeout');
  });

  it('as a JSON answer: the text of a 2xx, a status failure (status, Retry-After, body) otherwise', async () => {
    const dispatcher = await serve((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/limited') {
          res.writeHead(429, { 'retry-after': '3' });
          res.end('{"error":"slow down"}');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        }
      });
    });
    expect(await requestJsonAnswer(dispatcher, request())).toEqual({
      kind: 'json',
      status: 200,
      text: '{"ok":true}',
    });
    const failure = await requestJsonAnswer(dispatcher, { ...request(), path: '/limited' }).catch((e) => e);
    expect(failure).toBeInstanceOf(UpstreamFailure);
    expect(failure.kind).toBe('status');
    expect(failure.status).toBe(429);
    expect(failure.retryAfterMs).toBe(3000);
    expect(failure.body).toBe('{"error":"slow down"}');
  });

  it("gives the answer's headers as undici's request() does: names lower-cased, repeated ones as lists", async () => {
    const dispatcher = await serve((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.setHeader('X-Mixed-Case', 'v');
        res.writeHead(503, { 'Retry-After': '7', 'content-type': 'application/json' });
        res.end('{"error":"busy"}');
      });
    });
    const reference = await dispatcher.request({ path: '/x', method: 'POST', body: '{}' });
    await reference.body.text();
    const answer = await requestWholeAnswer(dispatcher, request());
    expect(answer.headers).toEqual(reference.headers);
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(answer.headers['x-mixed-case']).toBe('v');
    const failure = await requestJsonAnswer(dispatcher, request()).catch((e) => e);
    expect(failure.status).toBe(503);
    expect(failure.retryAfterMs).toBe(7000);
    expect(failure.body).toBe('{"error":"busy"}');
  });

  it('cancels a request still waiting for a connection as soon as it gets one', async () => {
    let calls = 0;
    const dispatcher = await serve((req, res) => {
      calls++;
      req.resume();
      req.on('end', () => setTimeout(() => res.end('{}'), 30));
    });
    // One connection, held by a first request: the second waits in the pool's queue.
    const held = requestJsonAnswer(dispatcher, request());
    const signal = new ClientAbort();
    const waiting = requestJsonAnswer(dispatcher, request(signal)).catch((e) => e);
    signal.abort();
    expect(await waiting).toBeInstanceOf(UpstreamFailure);
    expect((await held).status).toBe(200);
    expect(calls).toBe(1);
  });
});
