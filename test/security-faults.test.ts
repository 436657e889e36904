// Fault attribution and the smaller findings of issue 12 (Medium 4 and 5, Low 7 and 8), through a
// real gateway and server on 127.0.0.1.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { GantryError } from '../src/errors/index.js';
import { checkExposure } from '../src/server/auth/index.js';
import { createGantryServer } from '../src/server/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { startGateway, startSimulator } from './gateway-harness.js';
import { call, type Platform, startPlatform } from './security-harness.js';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function gateway(security: Record<string, unknown> = {}, auth = { required: false }) {
  const simulator = await startSimulator({ outputTokens: 2 });
  open.push(simulator);
  const internal: unknown[] = [];
  const harness = await startGateway({
    gateway: {
      auth,
      upstreams: { sim: { baseURL: simulator.baseURL } },
      routes: { chat: { targets: [{ upstream: 'sim' }] }, other: { targets: [{ upstream: 'sim' }] } },
      breaker: { failureThreshold: 3 },
    },
    security,
  });
  open.push(harness);
  return { ...harness, simulator, internal };
}

const chat = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

/** A valid chat body whose messages nest `depth` arrays deep, with a \u escape (no fast path). */
function deepBody(depth: number): string {
  return `{"model":"chat","messages":[{"role":"user","content":"caf\\u00e9","extra":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
}

describe('fault attribution (Medium 4)', () => {
  it('refuses deeply nested JSON with a 400 before anything else runs', async () => {
    const { url, simulator } = await gateway();
    const response = await chat(url, deepBody(10_000));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /deeper than 64/,
    );
    expect(simulator.stats.requests).toBe(0);
  });

  it("a gateway-internal failure is the gateway's own 500: no retry, no breaker, no internals", async () => {
    // With the depth limit raised, JSON.stringify of the body overflows the stack inside the upstream call.
    const { url, simulator } = await gateway({ maximumJsonDepth: 1_000_000 });
    for (let i = 0; i < 5; i++) {
      const response = await chat(url, deepBody(200_000));
      expect(response.status).toBe(500);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('GATEWAY_INTERNAL_ERROR');
      expect(error.message).not.toMatch(/RangeError|stack/);
    }
    // The breaker (3 failures) stayed closed: everyone else is still served.
    const ok = await chat(
      url,
      JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(ok.status).toBe(200);
    expect(simulator.stats.requests).toBe(1);
  }, 60_000);
});

describe('rate limit with a budget (Medium 5)', () => {
  it.each([
    { requestsPerMinute: 60, dailyBudgetUsd: 10 },
    { tokensPerMinute: 10_000, dailyBudgetUsd: 10 },
    { requestsPerMinute: 2, totalBudgetUsd: 10 },
  ])('a key with %o serves its first requests', async (limits) => {
    const { url, gateway: gw } = await gateway({}, { required: true });
    const { key } = await gw.keys.create({ name: 'limited', limits });
    const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect((await chat(url, body, { authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await chat(url, body, { authorization: `Bearer ${key}` })).status).toBe(200);
  });
});

describe('gateway details (Low 8)', () => {
  it('a key restricted to one model sees only that model; lowercase bearer works', async () => {
    const { url, gateway: gw } = await gateway({}, { required: true });
    const { key } = await gw.keys.create({ name: 'one', models: ['chat'] });
    const models = await fetch(`${url}/v1/models`, { headers: { authorization: `bearer ${key}` } });
    expect(models.status).toBe(200);
    expect(((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(['chat']);
    expect((await fetch(`${url}/v1/models`)).status).toBe(401);
    const missing = await chat(
      url,
      JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
      {
        authorization: `bearer ${key}`,
      },
    );
    expect(missing.status).toBe(404);
    const message = ((await missing.json()) as { error: { message: string } }).error.message;
    expect(message).toContain('chat');
    expect(message).not.toContain('other');
  });

  it('a text/plain body (no CORS preflight) is refused', async () => {
    const { url, simulator } = await gateway();
    const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    const response = await chat(url, body, { 'content-type': 'text/plain; x=application/json' });
    expect(response.status).toBe(415);
    expect(simulator.stats.requests).toBe(0);
  });
});

describe('platform details (Low 7, Low 8)', () => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('odd model names and limits are 400s; /readyz does not show the database path', async () => {
    platform = await startPlatform();
    for (const model of ['constructor', '__proto__', 'valueOf', 'toString']) {
      const started = await call(platform.url, 'POST', '/api/runs', {
        body: { task: 'x', model, wait: true },
      });
      expect(started.status, model).toBeGreaterThanOrEqual(400);
      expect(started.status, model).toBeLessThan(500);
    }
    for (const limit of ['1.5', '-1', 'abc', '0', '1e3']) {
      expect((await call(platform.url, 'GET', `/api/runs?limit=${limit}`)).status, limit).toBe(400);
    }
    expect((await call(platform.url, 'GET', '/api/runs?limit=2')).status).toBe(200);
    const ready = await call(platform.url, 'GET', '/readyz');
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('a run cannot raise the configured step limit', async () => {
    // Without approval the run needs two steps (tool call, answer); the configuration allows one.
    platform = await startPlatform({
      agent: { maximumSteps: 1, requireApproval: [], finalAnswerOnStop: false },
    });
    const started = await call(platform.url, 'POST', '/api/runs', {
      body: { task: 'Read my notes', tools: ['file_read'], maximumSteps: 50, wait: true },
    });
    expect(started.status).toBe(200);
    expect(started.body.steps).toBe(1);
    expect(started.body.stopReason).not.toBe('final-answer');
  });
});

describe('request admission (High 1: DNS rebinding, cross-site)', () => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  function raw(url: string, path: string, headers: Record<string, string>): Promise<number> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('refuses foreign Host names and origins on a loopback server', async () => {
    platform = await startPlatform({ security: { allowedOrigins: ['https://console.example.com'] } });
    const { url } = platform;
    const host = new URL(url).host;
    expect(await raw(url, '/api/runs', { host })).toBe(200);
    expect(await raw(url, '/api/runs', { host: `localhost:${new URL(url).port}` })).toBe(200);
    // A rebinding page reaches 127.0.0.1 under its own domain name.
    expect(await raw(url, '/api/runs', { host: 'attacker.example:8080' })).toBe(403);
    expect(await raw(url, '/v1/models', { host: 'attacker.example' })).toBe(403);
    expect(await raw(url, '/api/runs', { host, origin: 'https://attacker.example' })).toBe(403);
    expect(await raw(url, '/api/runs', { host, origin: `http://${host}` })).toBe(200);
    expect(await raw(url, '/api/runs', { host, origin: 'https://console.example.com' })).toBe(200);
  });

  it('refuses to start beyond loopback without authentication', async () => {
    const exposed = (security: Record<string, unknown>) =>
      parseConfig({ database: { path: ':memory:' }, server: { host: '0.0.0.0', port: 0 }, security });
    expect(() => checkExposure(exposed({}))).toThrow(/Refusing to listen/);
    expect(() => checkExposure(exposed({ requireAuth: true }))).not.toThrow();
    expect(() => checkExposure(exposed({ allowUnauthenticated: true }))).not.toThrow();
    const store = openSqliteStore({ path: ':memory:' });
    const server = createGantryServer({ config: exposed({}), store });
    const error = await server.listen().catch((e: unknown) => e);
    expect(GantryError.isInstance(error) && error.code).toBe('SERVER_UNSAFE_EXPOSURE');
    expect(server.server.listening).toBe(false);
    await store.close();
  });
});
