// Low 8: a client that leaves a non-streamed request before the answer is not a fault of the
// gateway: no "internal error" stack trace in the log (a client could flood the log that way).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  while (open.length) await open.pop()?.close();
});

describe('a client leaving mid-request (Low 8)', () => {
  it('logs nothing for 20 clients that go away before a non-streamed answer', async () => {
    const simulator = await startSimulator({ outputTokens: 2, timeToFirstTokenMs: 400 });
    open.push(simulator);
    const harness = await startGateway({
      gateway: {
        upstreams: { sim: { baseURL: simulator.baseURL } },
        routes: { chat: { targets: [{ upstream: 'sim' }] } },
      },
    });
    open.push(harness);
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const requests = Array.from({ length: 20 }, async () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        await fetch(`${harness.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
          signal: controller.signal,
        }).catch(() => undefined);
      });
      await Promise.all(requests);
      // Past the simulator's answer time: every aborted request has ended on the server.
      await new Promise((resolve) => setTimeout(resolve, 800));
    } finally {
      spy.mockRestore();
    }
    expect(written.filter((line) => /internal error|gantry gateway:|at .+:\d+:\d+/.test(line))).toEqual([]);
    // The server still answers.
    const after = await fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(after.status).toBe(200);
  });
});
