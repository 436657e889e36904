// Per-tenant limits across all of a tenant's keys (security.tenants.<tenant>): gateway requests per
// minute shared by the keys, and agent runs in progress at once. Other tenants are not affected.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './security-harness.js';

let platform: Platform;
// A model backend that holds every request until released: runs stay in progress meanwhile.
const held: ServerResponse[] = [];
const slow = createServer((req, res) => {
  req.resume();
  req.on('end', () => held.push(res));
});
const release = () => {
  for (const res of held.splice(0)) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'tiny',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
      }),
    );
  }
};

beforeAll(async () => {
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const port = (slow.address() as AddressInfo).port;
  platform = await startPlatform({
    security: {
      requireAuth: true,
      tenants: { acme: { limits: { requestsPerMinute: 3 }, concurrentRuns: 1 } },
    },
    providers: { slow: { type: 'openai-compatible', baseURL: `http://127.0.0.1:${port}/v1` } },
  });
});
afterAll(async () => {
  release();
  await platform.close();
  slow.closeAllConnections();
  await new Promise((resolve) => slow.close(resolve));
});

const chat = (key: string) =>
  call(platform.url, 'POST', '/v1/chat/completions', {
    key,
    body: { model: 'chat', messages: [{ role: 'user', content: 'hi' }] },
  });

describe('tenant limits', () => {
  it("shares the gateway's requests-per-minute across the tenant's keys", async () => {
    const first = await platform.key({ scopes: ['gateway'], tenant: 'acme', name: 'acme-1' });
    const second = await platform.key({ scopes: ['gateway'], tenant: 'acme', name: 'acme-2' });
    const other = await platform.key({ scopes: ['gateway'], tenant: 'globex' });
    expect((await chat(first)).status).toBe(200);
    expect((await chat(first)).status).toBe(200);
    expect((await chat(second)).status).toBe(200);
    const limited = await chat(second);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('GATEWAY_RATE_LIMITED');
    expect(limited.body.error.message).toContain("tenant 'acme'");
    expect((await chat(first)).status).toBe(429);
    // Another tenant has its own (here: no) limit.
    for (let i = 0; i < 5; i++) expect((await chat(other)).status).toBe(200);
  });

  it('bounds the agent runs a tenant has in progress, whichever key starts them', async () => {
    const first = await platform.key({ scopes: ['agents'], tenant: 'acme', name: 'acme-a' });
    const second = await platform.key({ scopes: ['agents'], tenant: 'acme', name: 'acme-b' });
    const other = await platform.key({ scopes: ['agents'], tenant: 'globex' });
    const start = (key: string) =>
      call(platform.url, 'POST', '/api/runs', { key, body: { task: 'x', model: 'slow:tiny' } });
    const running = await start(first);
    expect(running.status).toBe(202);
    const refused = await start(second);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TENANT_RUNS_LIMITED');
    // The refused run left nothing behind.
    const listed = await call(platform.url, 'GET', '/api/runs', { key: second });
    expect(listed.body.data.map((run: { id: string }) => run.id)).toEqual([running.body.runId]);
    expect((await start(other)).status).toBe(202);

    for (let i = 0; i < 100 && held.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    release();
    for (let i = 0; i < 100; i++) {
      const run = await call(platform.url, 'GET', `/api/runs/${running.body.runId}`, { key: first });
      if (run.body.status === 'completed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // The slot is given back as the run ends (just after its status is stored).
    let again = await start(second);
    for (let i = 0; i < 50 && again.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await start(second);
    }
    expect(again.status).toBe(202);
    for (let i = 0; i < 100 && held.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    release();
  });
});
