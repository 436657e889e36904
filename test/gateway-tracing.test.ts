// One span per gateway request, with the OpenTelemetry GenAI attributes.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import type { SpanRecord } from '../src/store/index.js';
import { createTracer } from '../src/trace/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

const spans: SpanRecord[] = [];
let simulator: Simulator;
let harness: Harness;

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 4 });
  const tracer = createTracer({
    sinks: [{ write: (span) => void spans.push(span), flush: async () => {}, close: async () => {} }],
  });
  harness = await startGateway(
    {
      gateway: {
        upstreams: { sim: { baseURL: simulator.baseURL } },
        routes: { m: { targets: [{ upstream: 'sim', model: 'sim-7b' }] } },
      },
    },
    { tracer },
  );
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
});

describe('gateway spans', () => {
  it('records a server span per request with GenAI attributes, errors included', async () => {
    const client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    await client.chat.completions
      .create({ model: 'missing', messages: [{ role: 'user', content: 'hi' }] })
      .catch(() => {});
    expect(spans).toHaveLength(2);
    const [ok, failed] = spans;
    expect(ok).toMatchObject({ name: 'chat m', kind: 'server', status: 'ok' });
    expect(ok.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'm',
      'gen_ai.response.model': 'sim-7b',
      'gen_ai.usage.output_tokens': 4,
      'gantry.gateway.upstream': 'sim',
      'gantry.gateway.stream': true,
      'http.response.status_code': 200,
    });
    expect(ok.endTime).toBeGreaterThanOrEqual(ok.startTime);
    expect(failed).toMatchObject({ status: 'error' });
    expect(failed.attributes['http.response.status_code']).toBe(404);
  });
});
