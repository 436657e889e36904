// Guard hooks on native Responses pass-through: the response filter redacts the text of a native
// answer, whole and streamed (deltas and the events that repeat the text whole), and a block from
// beforeUpstream stops the request before the upstream sees it.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHooks } from '../src/gateway/index.js';
import { type Harness, startGateway } from './gateway-harness.js';
import { type FakeOpenAI, startFakeOpenAI } from './gateway-openai-native-fake.js';

let upstream: FakeOpenAI;
let harness: Harness;
let client: OpenAI;

const hooks: GatewayHooks = {
  beforeUpstream(context) {
    if (JSON.stringify(context.body.messages).includes('forbidden'))
      return { action: 'block', reason: 'no forbidden words' };
    return undefined;
  },
  response: () => ({ delta: (text) => text.replaceAll('prev', '[x]'), end: () => '' }),
};

beforeAll(async () => {
  upstream = await startFakeOpenAI('h');
  harness = await startGateway(
    {
      gateway: {
        upstreams: { openai: { baseURL: upstream.url, apis: ['responses'] } },
        routes: { gpt: { targets: [{ upstream: 'openai', model: 'gpt-4.1' }] } },
      },
    },
    { hooks },
  );
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await upstream.close();
});

describe('guard hooks on native Responses pass-through', () => {
  it('redact a whole native answer', async () => {
    const response = await client.responses.create({ model: 'gpt', input: 'hello' });
    expect(response.output_text).toBe(`native ${response.id} [x]=none items=1`);
  });

  it('redact a streamed native answer in deltas and in every event that repeats the text', async () => {
    const stream = await client.responses.create({ model: 'gpt', input: 'hello', stream: true });
    let deltas = '';
    const whole: string[] = [];
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas += event.delta;
      if (event.type === 'response.output_text.done') whole.push(event.text);
      if (event.type === 'response.content_part.done' && event.part.type === 'output_text')
        whole.push(event.part.text);
      if (event.type === 'response.completed') {
        const item = event.response.output[0];
        if (item.type === 'message' && item.content[0].type === 'output_text')
          whole.push(item.content[0].text);
      }
    }
    expect(deltas).toMatch(/^native resp_h_\d+ \[x\]=none items=1$/);
    expect(whole).toEqual([deltas, deltas, deltas]);
    // The stored copy is the filtered one.
    const id = deltas.split(' ')[1];
    expect((await client.responses.retrieve(id)).output_text).toBe(deltas);
  });

  it('stop a blocked request before the upstream', async () => {
    const before = upstream.requests.length;
    const error = await client.responses
      .create({ model: 'gpt', input: 'forbidden' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(upstream.requests.length).toBe(before);
  });
});
