// Streaming done right: transparent fallback before the first token, a visible error after it,
// client disconnects abort the upstream, and streamed usage is counted exactly.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function setUp(aOptions = {}, bOptions = {}): Promise<{ a: Simulator; b: Simulator; h: Harness }> {
  const a = await startSimulator({ outputTokens: 6, ...aOptions });
  const b = await startSimulator({ outputTokens: 6, ...bOptions });
  const h = await startGateway({
    gateway: {
      upstreams: { a: { baseURL: a.baseURL, timeoutMs: 1_000 }, b: { baseURL: b.baseURL, timeoutMs: 1_000 } },
      routes: { m: { strategy: 'fallback', targets: [{ upstream: 'a' }, { upstream: 'b' }] } },
    },
  });
  open.push(a, b, h);
  return { a, b, h };
}

const client = (h: Harness) => new OpenAI({ baseURL: h.baseURL, apiKey: 'x', maxRetries: 0 });

describe('streaming', () => {
  it('sends SSE headers that stop proxy buffering', async () => {
    const { h } = await setUp();
    const response = await fetch(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const text = await response.text();
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('falls back transparently when the first target fails before the first token', async () => {
    const { a, b, h } = await setUp({ faults: { '503': 1 } });
    const stream = await client(h).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(' w0 w1 w2 w3 w4 w5');
    expect(a.stats.requests).toBe(1);
    expect(b.stats.requests).toBe(1);
  });

  it('surfaces a stream cut mid-answer to the client as an error, never a clean end', async () => {
    const { h } = await setUp({ faults: { cut: 1 } }, { faults: { cut: 1 } });
    const stream = await client(h).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e) => e);
    expect(text).toBe(' w0 w1 w2');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(String(error.message)).toContain('stream broke');
    await h.gateway.usage.flush();
    const [row] = await h.store.gatewayUsage.listUsage({ limit: 1 });
    expect(row.status).toBe(502);
  });

  it('aborts the upstream request when the client disconnects', async () => {
    const { a, h } = await setUp({ outputTokens: 200, interTokenLatencyMs: 10 });
    const controller = new AbortController();
    const response = await fetch(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.read();
    controller.abort();
    for (let i = 0; i < 40 && a.stats.abortedStreams === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(a.stats.abortedStreams).toBe(1);
    expect(a.stats.completedStreams).toBe(0);
  });

  it('records the usage of a streamed request exactly, from the upstream usage chunk', async () => {
    const { h } = await setUp({ outputTokens: 9 });
    const stream = await client(h).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'abcdefgh' }],
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    await h.gateway.usage.flush();
    const [row] = await h.store.gatewayUsage.listUsage({ limit: 1 });
    expect(row).toMatchObject({
      stream: true,
      inputTokens: 2,
      outputTokens: 9,
      usageSource: 'upstream',
      status: 200,
      upstream: 'a',
    });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/gantry_gateway_tokens_total\{model="m",type="output"\} 9/);
    expect(metrics).toMatch(/gantry_gateway_time_to_first_token_seconds_count\{model="m"\} 1/);
  });

  it('counts the tokens itself when a backend sends no usage chunk', async () => {
    const { a, h } = await setUp();
    // A backend that ignores stream_options: the simulator only sends usage when asked, so strip it.
    const original = a.server.listeners('request')[0] as (req: unknown, res: unknown) => void;
    a.server.removeAllListeners('request');
    a.server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString());
        delete body.stream_options;
        const { Readable } = require('node:stream') as typeof import('node:stream');
        const replay = Object.assign(Readable.from([Buffer.from(JSON.stringify(body))]), {
          headers: req.headers,
          url: req.url,
          method: req.method,
          socket: req.socket,
        });
        original(replay, res);
      });
    });
    const stream = await client(h).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hello world' }],
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    await h.gateway.usage.flush();
    const [row] = await h.store.gatewayUsage.listUsage({ limit: 1 });
    expect(row.usageSource).toBe('counted');
    // ' w0 w1 w2 w3 w4 w5' is 12 cl100k tokens; the prompt 'hello world' is 2 (+ a newline).
    expect(row.outputTokens).toBeGreaterThanOrEqual(6);
    expect(row.inputTokens).toBeGreaterThanOrEqual(2);
  });
});
