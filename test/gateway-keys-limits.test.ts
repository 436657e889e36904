// API keys (hashed, shown once, revocable), per-key limits and budgets answering 429 + Retry-After.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { setModelPrice } from '../src/model/index.js';
import { type Harness, jsonOf, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function setUp(simulatorOptions = {}, gateway: Record<string, unknown> = {}): Promise<Harness> {
  const sim = await startSimulator({ outputTokens: 10, ...simulatorOptions });
  const h = await startGateway({
    gateway: {
      upstreams: { sim: { baseURL: sim.baseURL } },
      routes: {
        m: { targets: [{ upstream: 'sim', model: 'priced-model' }] },
        other: { targets: [{ upstream: 'sim' }] },
      },
      auth: { required: true, adminKey: 'admin-secret' },
      ...gateway,
    },
  });
  open.push(sim, h);
  return h;
}

const chat = (h: Harness, key: string, model = 'm') =>
  fetch(`${h.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello there' }] }),
  });

describe('API keys', () => {
  it('refuses requests without a valid key, serves them with one, and stores only a hash', async () => {
    const h = await setUp();
    expect((await chat(h, '')).status).toBe(401);
    expect((await chat(h, 'gk-wrong')).status).toBe(401);
    const { key, record } = await h.gateway.keys.create({ name: 'ci' });
    expect((await chat(h, key)).status).toBe(200);
    const stored = await h.store.gatewayKeys.getKey(record.id);
    expect(stored?.keyHash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key.slice(9));
    await h.gateway.keys.revoke(record.id);
    expect((await chat(h, key)).status).toBe(401);
  });

  it('restricts a key to its models (403)', async () => {
    const h = await setUp();
    const { key } = await h.gateway.keys.create({ name: 'only-m', models: ['m'] });
    expect((await chat(h, key, 'm')).status).toBe(200);
    const denied = await chat(h, key, 'other');
    expect(denied.status).toBe(403);
    expect((await jsonOf(denied)).error.code).toBe('GATEWAY_MODEL_FORBIDDEN');
  });

  it('creates, lists and revokes keys through the admin API', async () => {
    const h = await setUp();
    const admin = { authorization: 'Bearer admin-secret', 'content-type': 'application/json' };
    expect((await fetch(`${h.url}/admin/keys`, { headers: { authorization: 'Bearer nope' } })).status).toBe(
      403,
    );
    const created = await fetch(`${h.url}/admin/keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'web', limits: { requestsPerMinute: 5 } }),
    });
    expect(created.status).toBe(201);
    const body = await jsonOf(created);
    expect(body.key).toMatch(/^gk-/);
    expect(body.keyHash).toBeUndefined();
    const list = await jsonOf(await fetch(`${h.url}/admin/keys`, { headers: admin }));
    expect(list.data.map((k: { name: string }) => k.name)).toEqual(['web']);
    expect(JSON.stringify(list)).not.toContain(body.key);
    expect((await chat(h, body.key)).status).toBe(200);
    expect((await fetch(`${h.url}/admin/keys/${body.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      200,
    );
    expect((await chat(h, body.key)).status).toBe(401);
  });
});

describe('limits', () => {
  it('requests per minute: 429 with Retry-After once the bucket is empty', async () => {
    const h = await setUp();
    const { key } = await h.gateway.keys.create({ name: 'rpm', limits: { requestsPerMinute: 3 } });
    for (let i = 0; i < 3; i++) expect((await chat(h, key)).status).toBe(200);
    const limited = await chat(h, key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    const body = await jsonOf(limited);
    expect(body.error).toMatchObject({ type: 'rate_limit_error', code: 'GATEWAY_RATE_LIMITED' });
    // The official client sees a RateLimitError.
    const error = await new OpenAI({ baseURL: h.baseURL, apiKey: key, maxRetries: 0 }).chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('tokens per minute: charged with the real usage, refused once spent', async () => {
    const h = await setUp({ outputTokens: 40 });
    const { key } = await h.gateway.keys.create({ name: 'tpm', limits: { tokensPerMinute: 50 } });
    expect((await chat(h, key)).status).toBe(200); // ~43 tokens
    expect((await chat(h, key)).status).toBe(200); // bucket still positive: admitted, goes negative
    await new Promise((r) => setTimeout(r, 20));
    const limited = await chat(h, key);
    expect(limited.status).toBe(429);
    expect((await jsonOf(limited)).error.message).toContain('tokens-per-minute');
  });

  it('concurrent requests: the extra one is refused while the others run', async () => {
    const h = await setUp({ timeToFirstTokenMs: 150 });
    const { key } = await h.gateway.keys.create({ name: 'conc', limits: { concurrentRequests: 2 } });
    const statuses = await Promise.all(
      [chat(h, key), chat(h, key), chat(h, key)].map(async (p) => (await p).status),
    );
    expect(statuses.sort()).toEqual([200, 200, 429]);
    expect((await chat(h, key)).status).toBe(200); // slots were given back
  });

  it('budgets: a daily budget priced from the model price table stops the key', async () => {
    setModelPrice('priced-model', { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 }); // $1 a token
    const h = await setUp({ outputTokens: 3 });
    const { key, record } = await h.gateway.keys.create({ name: 'budget', limits: { dailyBudgetUsd: 6 } });
    expect((await chat(h, key)).status).toBe(200); // 3 prompt + 3 output tokens = $6
    await new Promise((r) => setTimeout(r, 20));
    const limited = await chat(h, key);
    expect(limited.status).toBe(429);
    expect((await jsonOf(limited)).error.code).toBe('GATEWAY_BUDGET_EXCEEDED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await h.gateway.usage.flush();
    const totals = await h.store.gatewayUsage.totalsForKey(record.id);
    expect(totals.costUsd).toBeCloseTo(6, 6);
  });

  it('total budget survives a restart: spend is seeded from stored usage', async () => {
    setModelPrice('priced-model', { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 });
    const first = await setUp({ outputTokens: 3 });
    const { key } = await first.gateway.keys.create({ name: 'total', limits: { totalBudgetUsd: 5 } });
    expect((await chat(first, key)).status).toBe(200);
    await first.gateway.usage.flush();
    const store = first.store;
    // A second gateway on the same database, fresh in-memory state.
    const sim = await startSimulator({ outputTokens: 3 });
    const second = await startGateway(
      {
        gateway: {
          upstreams: { sim: { baseURL: sim.baseURL } },
          routes: { m: { targets: [{ upstream: 'sim', model: 'priced-model' }] } },
          auth: { required: true },
        },
      },
      { store },
    );
    open.push(sim, second);
    expect((await chat(second, key)).status).toBe(429);
  });
});
