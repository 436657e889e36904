import type { ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { onResponseClose } from '../gateway/index.js';
import { openSqliteStore } from '../store/index.js';
import { createGantryServer, type GantryServer, type Mount } from './create-server.js';
import { sendJson } from './http-response.js';
import { readJsonBody } from './read-json-body.js';

let running: GantryServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(overrides: Record<string, unknown> = {}, mounts: Mount[] = []) {
  const config = parseConfig({
    server: { port: 0, bodyLimitBytes: 64, ...overrides },
    models: { llama: { model: 'ollama:llama3.2' }, fast: { model: 'vllm:qwen' } },
  });
  running = createGantryServer({
    config,
    store: openSqliteStore({ path: ':memory:' }),
    mounts,
    routes: [
      {
        method: 'POST',
        path: '/echo/:name',
        handler: async (req, res, params) =>
          sendJson(res, 200, { name: params.name, body: await readJsonBody(req, 64) }),
      },
    ],
  });
  return (await running.listen()).url;
}

describe('HTTP server', () => {
  it('answers health, readiness and an OpenAI-format model list', async () => {
    const url = await start();
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const models = (await (await fetch(`${url}/v1/models`)).json()) as {
      object: string;
      data: Record<string, unknown>[];
    };
    expect(models.object).toBe('list');
    expect(models.data.map((m) => [m.id, m.object, m.owned_by])).toEqual([
      ['llama', 'model', 'ollama'],
      ['fast', 'model', 'vllm'],
    ]);
    expect(typeof models.data[0].created).toBe('number');
  });

  it('answers unknown routes, bad JSON, wrong content types and oversized bodies with OpenAI-style errors', async () => {
    const url = await start();
    const notFound = await fetch(`${url}/nowhere`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');

    const post = (body: string, type = 'application/json') =>
      fetch(`${url}/echo/a%20b`, { method: 'POST', headers: { 'content-type': type }, body });
    const ok = await post('{"x":1}');
    expect(await ok.json()).toEqual({ name: 'a b', body: { x: 1 } });
    const badJson = await post('{"x":');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { type: string; code: string } }).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'REQUEST_INVALID',
    });
    // Only exactly application/json (a charset parameter aside): forms and text/plain are 415.
    expect((await post('x=1', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('{"x":1}', 'text/plain; x=application/json')).status).toBe(415);
    expect((await post('{"x":1}', 'application/json; charset=utf-8')).status).toBe(200);
    const big = await post(JSON.stringify({ text: 'x'.repeat(200) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/64-byte limit/);
    // The server is still healthy after bad input.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('closes a connection whose headers never finish (slow-loris guard)', async () => {
    await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const { port } = running!.server.address() as AddressInfo;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("calls a mount's close hook from its own 'close' listener: one listener per response, also when the client goes away", async () => {
    const closed: { res: ServerResponse; finished: boolean }[] = [];
    const listeners: number[] = [];
    function onClose(this: ServerResponse): void {
      closed.push({ res: this, finished: this.writableFinished });
    }
    const url = await start({}, [
      {
        prefix: '/hook/',
        handle(req, res) {
          onResponseClose(res, onClose);
          listeners.push(res.listenerCount('close'));
          // /hook/answer is answered; /hook/hang never is (its client goes away).
          if (req.url === '/hook/answer') res.end('ok');
          return true;
        },
      },
    ]);
    expect(await (await fetch(`${url}/hook/answer`)).text()).toBe('ok');
    const controller = new AbortController();
    const hanging = fetch(`${url}/hook/hang`, { signal: controller.signal }).catch(() => undefined);
    for (let i = 0; i < 100 && listeners.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await hanging;
    for (let i = 0; i < 100 && closed.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(listeners).toEqual([1, 1]);
    expect(closed.map((c) => c.finished)).toEqual([true, false]);
    expect(closed[0].res).not.toBe(closed[1].res);
    for (let i = 0; i < 100 && running!.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(running!.inFlight).toBe(0);
  });
});
