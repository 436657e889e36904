import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CloseHookResponse, closeHook, onResponseClose } from './response-close.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server whose handler registers `listener` through onResponseClose, its own hook or not. */
async function serve(
  withHook: boolean,
  seen: { res: ServerResponse; listeners: number }[],
  listener: () => void,
) {
  const server = createServer((_req, res) => {
    if (withHook) {
      (res as CloseHookResponse)[closeHook] = undefined;
      res.on('close', function (this: CloseHookResponse) {
        this[closeHook]?.call(this);
      });
    }
    const before = res.listenerCount('close');
    onResponseClose(res, listener);
    seen.push({ res, listeners: res.listenerCount('close') - before });
    res.end('ok');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('onResponseClose', () => {
  it('adds a listener on a server without the hook slot, and it runs once with the response', async () => {
    const seen: { res: ServerResponse; listeners: number }[] = [];
    const calls: unknown[] = [];
    const url = await serve(false, seen, function (this: ServerResponse) {
      calls.push(this);
    });
    await (await fetch(url)).text();
    for (let i = 0; i < 50 && calls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen[0].listeners).toBe(1);
    expect(calls).toEqual([seen[0].res]);
  });

  it('fills the slot of a server that calls it from its own listener: no listener added, called once', async () => {
    const seen: { res: ServerResponse; listeners: number }[] = [];
    const calls: unknown[] = [];
    const url = await serve(true, seen, function (this: ServerResponse) {
      calls.push(this);
    });
    await (await fetch(url)).text();
    for (let i = 0; i < 50 && calls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen[0].listeners).toBe(0);
    expect(calls).toEqual([seen[0].res]);
  });
});
