// The translated APIs keep the gateway's policies and failure reporting: guard hooks see the routed
// chat request and filter the answer (whole or streamed), and a stream cut mid-answer reaches the
// official clients as an error in each API's own way.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHooks, Simulator } from '../src/gateway/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let harness: Harness;
let openai: OpenAI;
let anthropic: Anthropic;
const seen: Record<string, unknown>[] = [];

const hooks: GatewayHooks = {
  beforeUpstream(context) {
    seen.push(context.body);
    const text = JSON.stringify(context.body.messages);
    if (text.includes('forbidden')) return { action: 'block', reason: 'no forbidden words' };
    return undefined;
  },
  response(context) {
    const stopAt = JSON.stringify(context.body.messages).includes('stop me');
    return {
      delta: (text) =>
        stopAt && text.includes('w1') ? { stop: 'w1 is not allowed' } : text.replaceAll('w1', '[x]'),
      end: () => '',
    };
  },
};

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 3 });
  harness = await startGateway(
    {
      gateway: {
        upstreams: { sim: { baseURL: simulator.baseURL } },
        routes: { local: { targets: [{ upstream: 'sim' }] } },
      },
    },
    { hooks },
  );
  openai = new OpenAI({ baseURL: harness.baseURL, apiKey: 'x', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
});

describe('guard hooks on the translated APIs', () => {
  it('show the policy the chat request and redact the answer, whole and streamed', async () => {
    const whole = await openai.responses.create({ model: 'local', input: 'hello', instructions: 'sys' });
    expect(whole.output_text).toBe(' w0 [x] w2');
    expect(seen.at(-1)?.messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hello' },
    ]);
    const stream = openai.responses.stream({ model: 'local', input: 'hello' });
    expect((await stream.finalResponse()).output_text).toBe(' w0 [x] w2');
    const message = await anthropic.messages.create({
      model: 'local',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: ' w0 [x] w2' }]);
    const streamed = anthropic.messages.stream({
      model: 'local',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect((await streamed.finalMessage()).content).toEqual([{ type: 'text', text: ' w0 [x] w2' }]);
  });

  it('block a request (in each API’s error shape) and stop a stream midway', async () => {
    const blocked = await openai.responses
      .create({ model: 'local', input: 'forbidden' })
      .catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(OpenAI.BadRequestError);
    expect((blocked as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_BLOCKED');
    const refused = await anthropic.messages
      .create({ model: 'local', max_tokens: 8, messages: [{ role: 'user', content: 'forbidden' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });

    const stopped = openai.responses.stream({ model: 'local', input: 'stop me' });
    await expect(stopped.finalResponse()).rejects.toThrow(/w1 is not allowed/);
    const cut = anthropic.messages.stream({
      model: 'local',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'stop me' }],
    });
    await expect(cut.finalMessage()).rejects.toThrow(/w1 is not allowed/);
  });
});

describe('a stream cut mid-answer', () => {
  it('ends a Responses stream with response.failed and an error the openai client raises', async () => {
    simulator.configure({ outputTokens: 6, faults: { cut: 1 } });
    try {
      const events: string[] = [];
      const stream = await openai.responses.create({ model: 'local', input: 'hello', stream: true });
      const failure = await (async () => {
        for await (const event of stream) events.push(event.type);
      })().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect((failure as Error).message).toMatch(/stream broke/);
      expect(events[0]).toBe('response.created');
      expect(events).toContain('response.output_text.delta');
      expect(events.at(-1)).toBe('response.failed');
      expect(events).not.toContain('response.completed');
    } finally {
      simulator.configure({ outputTokens: 3, faults: {} });
    }
  });

  it('ends a Messages stream with an error event the Anthropic SDK raises', async () => {
    simulator.configure({ outputTokens: 6, faults: { cut: 1 } });
    try {
      const stream = anthropic.messages.stream({
        model: 'local',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hello' }],
      });
      const failure = await stream.finalMessage().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      expect((failure as Error).message).toMatch(/stream broke/);
    } finally {
      simulator.configure({ outputTokens: 3, faults: {} });
    }
  });
});
