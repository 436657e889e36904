// The exact-match cache (hit/miss headers, replayed streams, errors never cached) and the hook points.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayHooks, Simulator } from '../src/gateway/index.js';
import { type Harness, jsonOf, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function setUp(
  options: { cache?: Record<string, unknown>; hooks?: GatewayHooks; sim?: Record<string, unknown> } = {},
): Promise<{ sim: Simulator; h: Harness }> {
  const sim = await startSimulator({ outputTokens: 4, ...options.sim });
  const h = await startGateway(
    {
      gateway: {
        upstreams: { sim: { baseURL: sim.baseURL } },
        routes: { m: { targets: [{ upstream: 'sim' }] } },
        cache: { enabled: true, ...options.cache },
      },
    },
    { hooks: options.hooks },
  );
  open.push(sim, h);
  return { sim, h };
}

const post = (h: Harness, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${h.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'same question' }], ...body }),
  });

describe('response cache', () => {
  it('answers a repeated deterministic request from the cache, with hit/miss headers', async () => {
    const { sim, h } = await setUp();
    const first = await post(h, { temperature: 0 });
    expect(first.headers.get('x-gantry-cache')).toBe('miss');
    const firstBody = await first.text();
    // Key order and the `user` field do not change the key.
    const second = await fetch(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        temperature: 0,
        messages: [{ content: 'same question', role: 'user' }],
        model: 'm',
        user: 'u2',
      }),
    });
    expect(second.headers.get('x-gantry-cache')).toBe('hit');
    expect(await second.text()).toBe(firstBody);
    expect(sim.stats.requests).toBe(1);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/gantry_gateway_cache_requests_total\{model="m",result="hit"\} 1/);
  });

  it('does not cache non-deterministic requests unless asked to', async () => {
    const { sim, h } = await setUp();
    await post(h, { temperature: 0.7 });
    await post(h, { temperature: 0.7 });
    expect(sim.stats.requests).toBe(2);
    await post(h, { temperature: 0.7 }, { 'x-gantry-cache': 'on' });
    const hit = await post(h, { temperature: 0.7 }, { 'x-gantry-cache': 'on' });
    expect(hit.headers.get('x-gantry-cache')).toBe('hit');
    expect(sim.stats.requests).toBe(3);
  });

  it('never caches errors', async () => {
    const { sim, h } = await setUp({ sim: { faults: { '400': 1 } } });
    expect((await post(h, { temperature: 0 })).status).toBe(400);
    sim.configure({ outputTokens: 4 });
    const ok = await post(h, { temperature: 0 });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-gantry-cache')).toBe('miss');
  });

  it('replays a cached stream as a stream, through the openai client', async () => {
    const { sim, h } = await setUp();
    const client = new OpenAI({ baseURL: h.baseURL, apiKey: 'x', maxRetries: 0 });
    const read = async () => {
      const stream = await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'q' }],
        stream: true,
        temperature: 0,
      });
      const parts: string[] = [];
      for await (const chunk of stream) parts.push(chunk.choices[0]?.delta?.content ?? '');
      return parts.join('');
    };
    const first = await read();
    const second = await read();
    expect(second).toBe(first);
    expect(first).toBe(' w0 w1 w2 w3');
    expect(sim.stats.requests).toBe(1);
  });

  it('expires entries after the TTL and bounds the entry count', async () => {
    const { sim, h } = await setUp({ cache: { ttlMs: 50, maxEntries: 1 } });
    await post(h, { temperature: 0 });
    await new Promise((r) => setTimeout(r, 70));
    expect((await post(h, { temperature: 0 })).headers.get('x-gantry-cache')).toBe('miss');
    await post(h, { temperature: 0, messages: [{ role: 'user', content: 'another' }] });
    expect((await post(h, { temperature: 0 })).headers.get('x-gantry-cache')).toBe('miss'); // evicted by the other one
    expect(sim.stats.requests).toBe(4);
  });
});

describe('hooks', () => {
  it('beforeUpstream can block a request (400, GATEWAY_BLOCKED) or rewrite it', async () => {
    const { sim, h } = await setUp({
      hooks: {
        beforeUpstream: ({ body }) => {
          const text = JSON.stringify(body.messages);
          if (text.includes('forbidden')) return { action: 'block', reason: 'policy X' };
          if (text.includes('secret')) {
            return {
              action: 'rewrite',
              body: { ...body, messages: [{ role: 'user', content: '[redacted]' }] },
            };
          }
          return undefined;
        },
      },
    });
    const blocked = await post(h, { messages: [{ role: 'user', content: 'a forbidden thing' }] });
    expect(blocked.status).toBe(400);
    expect((await jsonOf(blocked)).error.code).toBe('GATEWAY_BLOCKED');
    expect(sim.stats.requests).toBe(0);
    await post(h, { messages: [{ role: 'user', content: 'my secret' }] });
    expect((sim.stats.lastBodies[0] as { messages: unknown }).messages).toEqual([
      { role: 'user', content: '[redacted]' },
    ]);
  });

  it('the response filter sees each streamed delta and can redact, hold back and release text', async () => {
    const seen: string[] = [];
    const { h } = await setUp({
      hooks: {
        response: () => {
          let held = '';
          return {
            delta(text) {
              seen.push(text);
              if (text === ' w1') {
                held = text; // hold w1 back...
                return '';
              }
              if (text === ' w2') return `${held} [w2]`; // ...release it with a redacted w2
              return text;
            },
            end: () => '!',
          };
        },
      },
    });
    const stream = await new OpenAI({
      baseURL: h.baseURL,
      apiKey: 'x',
      maxRetries: 0,
    }).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'q' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(seen).toEqual([' w0', ' w1', ' w2', ' w3']);
    expect(text).toBe(' w0 w1 [w2] w3!');
  });

  it('the response filter can stop a stream: the client gets an error event', async () => {
    const { h } = await setUp({
      hooks: {
        response: () => ({
          delta: (text) => (text === ' w2' ? { stop: 'leak detected' } : text),
          end: () => '',
        }),
      },
    });
    const stream = await new OpenAI({
      baseURL: h.baseURL,
      apiKey: 'x',
      maxRetries: 0,
    }).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'q' }],
      stream: true,
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e) => e);
    expect(text).toBe(' w0 w1');
    expect(String(error?.message)).toContain('leak detected');
  });

  it('the response filter applies to whole answers too', async () => {
    const { h } = await setUp({
      hooks: { response: () => ({ delta: (text) => text.replaceAll('w', '*'), end: () => '' }) },
    });
    const completion = await new OpenAI({
      baseURL: h.baseURL,
      apiKey: 'x',
      maxRetries: 0,
    }).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(completion.choices[0].message.content).toBe(' *0 *1 *2 *3');
  });
});
