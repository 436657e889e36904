// Each route, streaming and not, through the official openai client.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let harness: Harness;
let client: OpenAI;

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 5 });
  harness = await startGateway({
    gateway: {
      upstreams: { sim: { baseURL: simulator.baseURL } },
      routes: { 'fast-model': { targets: [{ upstream: 'sim', model: 'sim-1' }] } },
    },
  });
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
});

describe('gateway through the openai client', () => {
  it('answers a chat completion and sends the target model upstream', async () => {
    const completion = await client.chat.completions.create({
      model: 'fast-model',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(completion.choices[0].message.content).toBe(' w0 w1 w2 w3 w4');
    expect(completion.usage?.completion_tokens).toBe(5);
    expect((simulator.stats.lastBodies.at(-1) as { model: string }).model).toBe('sim-1');
  });

  it('streams a chat completion chunk by chunk, and hides the usage chunk the client did not ask for', async () => {
    const stream = await client.chat.completions.create({
      model: 'fast-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const deltas: string[] = [];
    let usageChunks = 0;
    for await (const chunk of stream) {
      if (chunk.usage) usageChunks++;
      const text = chunk.choices[0]?.delta?.content;
      if (text) deltas.push(text);
    }
    expect(deltas).toEqual([' w0', ' w1', ' w2', ' w3', ' w4']);
    expect(usageChunks).toBe(0);
    // The gateway asked for usage upstream anyway, to count the stream.
    expect((simulator.stats.lastBodies.at(-1) as { stream_options: unknown }).stream_options).toEqual({
      include_usage: true,
    });
  });

  it('passes the usage chunk through when the client asks for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'fast-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.completion_tokens).toBe(5);
  });

  it('serves legacy completions, streaming and not', async () => {
    const completion = await client.completions.create({ model: 'fast-model', prompt: 'once upon' });
    expect(completion.choices[0].text).toBe(' w0 w1 w2 w3 w4');
    const stream = await client.completions.create({
      model: 'fast-model',
      prompt: 'once upon',
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe(' w0 w1 w2 w3 w4');
  });

  it('serves embeddings', async () => {
    const result = await client.embeddings.create({ model: 'fast-model', input: ['a', 'b'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0].embedding.length).toBe(8);
  });

  it('reports its own overhead in x-gantry-overhead-ms', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fast-model', messages: [{ role: 'user', content: 'x' }] }),
    });
    const overhead = Number(response.headers.get('x-gantry-overhead-ms'));
    expect(overhead).toBeGreaterThan(0);
    expect(overhead).toBeLessThan(1_000);
  });

  it('lists its models', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('fast-model');
  });

  it('answers an unknown model with an OpenAI-style 404', async () => {
    const error = await client.chat.completions
      .create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.code).toBe('GATEWAY_MODEL_NOT_FOUND');
  });

  it('records usage rows in batches, for streamed requests too', async () => {
    await harness.gateway.usage.flush();
    const rows = await harness.store.gatewayUsage.listUsage({ limit: 100 });
    const streamed = rows.filter((r) => r.stream && r.endpoint === 'chat');
    expect(streamed.length).toBeGreaterThanOrEqual(2);
    for (const row of streamed) {
      expect(row.outputTokens).toBe(5);
      expect(row.usageSource).toBe('upstream');
    }
  });
});
