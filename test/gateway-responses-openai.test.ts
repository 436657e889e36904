// Conformance of POST/GET/DELETE /v1/responses with the official openai client on a real socket: the
// gateway in front of the simulator (plain text) and a scripted chat backend (tools, structured output,
// conversation state), each field of each streamed event checked.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type FakeServer, startScriptedChat, weatherJson } from './gateway-apis-fakes.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let scripted: FakeServer;
let harness: Harness;
let client: OpenAI;

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 3 });
  scripted = await startScriptedChat();
  harness = await startGateway({
    gateway: {
      upstreams: { sim: { baseURL: simulator.baseURL }, scripted: { baseURL: scripted.url } },
      routes: {
        local: { targets: [{ upstream: 'sim' }] },
        agent: { targets: [{ upstream: 'scripted', model: 'scripted-1' }] },
      },
      images: { maximumBytes: 64 },
    },
  });
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
  await scripted.close();
});

describe('POST /v1/responses (openai client)', () => {
  it('creates a response: a completed message with output_text and usage', async () => {
    const response = await client.responses.create({
      model: 'local',
      input: 'hello',
      instructions: 'Be brief.',
    });
    expect(response.id).toMatch(/^resp_[0-9a-f]{24}$/);
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.error).toBeNull();
    expect(response.incomplete_details).toBeNull();
    expect(response.instructions).toBe('Be brief.');
    expect(typeof response.created_at).toBe('number');
    expect(response.output).toHaveLength(1);
    const [item] = response.output;
    expect(item).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(item.type === 'message' && item.id).toMatch(/^msg_/);
    expect(item.type === 'message' && item.content).toEqual([
      { type: 'output_text', text: ' w0 w1 w2', annotations: [], logprobs: [] },
    ]);
    expect(response.output_text).toBe(' w0 w1 w2');
    expect(response.usage?.output_tokens).toBe(3);
    expect(response.usage?.total_tokens).toBe((response.usage?.input_tokens ?? 0) + 3);
    expect((response as unknown as { store: boolean }).store).toBe(true);
    expect(response.text?.format).toEqual({ type: 'text' });
  });

  it('streams every event in order with its fields (created → deltas → completed)', async () => {
    const stream = await client.responses.create({ model: 'local', input: 'hello', stream: true });
    const events: Record<string, unknown>[] = [];
    for await (const event of stream) events.push(event as unknown as Record<string, unknown>);
    const types = events.map((e) => e.type);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const created = events[0].response as Record<string, unknown>;
    expect(created).toMatchObject({ object: 'response', status: 'in_progress', output: [], usage: null });
    const added = events[2] as {
      output_index: number;
      item: { id: string; type: string; status: string; role: string; content: unknown[] };
    };
    expect(added.output_index).toBe(0);
    expect(added.item).toMatchObject({
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    });
    const itemId = added.item.id;
    expect(events[3]).toMatchObject({
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    const deltas = events.slice(4, 7) as {
      item_id: string;
      output_index: number;
      content_index: number;
      delta: string;
    }[];
    for (const delta of deltas)
      expect(delta).toMatchObject({ item_id: itemId, output_index: 0, content_index: 0 });
    expect(deltas.map((d) => d.delta).join('')).toBe(' w0 w1 w2');
    expect(events[7]).toMatchObject({
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      text: ' w0 w1 w2',
    });
    expect(events[8]).toMatchObject({ item_id: itemId, part: { type: 'output_text', text: ' w0 w1 w2' } });
    expect(events[9]).toMatchObject({
      output_index: 0,
      item: {
        id: itemId,
        type: 'message',
        status: 'completed',
        content: [{ type: 'output_text', text: ' w0 w1 w2' }],
      },
    });
    const completed = events[10].response as {
      id: string;
      status: string;
      output: unknown[];
      usage: { output_tokens: number };
    };
    expect(completed.id).toBe(created.id);
    expect(completed.status).toBe('completed');
    expect(completed.output).toEqual([(events[9] as { item: unknown }).item]);
    expect(completed.usage.output_tokens).toBe(3);
    // The streamed response is stored like a whole one.
    const stored = await client.responses.retrieve(completed.id);
    expect(stored.output_text).toBe(' w0 w1 w2');
  });

  it('returns a function call, and continues from its output with previous_response_id', async () => {
    const first = await client.responses.create({
      model: 'agent',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    });
    expect(first.output).toHaveLength(1);
    const call = first.output[0];
    expect(call).toMatchObject({
      type: 'function_call',
      call_id: 'call_weather_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      status: 'completed',
    });
    expect(call.type === 'function_call' && call.id).toMatch(/^fc_/);
    const sent = scripted.requests.at(-1)?.body;
    expect(sent?.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather in a city',
          parameters: weatherTool.parameters,
          strict: true,
        },
      },
    ]);

    const second = await client.responses.create({
      model: 'agent',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: 'call_weather_1', output: '{"sky":"sunny"}' }],
      tools: [weatherTool],
    });
    expect(second.output_text).toBe('It is sunny in Paris.');
    expect(second.previous_response_id).toBe(first.id);
    const messages = scripted.requests.at(-1)?.body.messages;
    expect(messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_weather_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_weather_1', content: '{"sky":"sunny"}' },
    ]);
  });

  it('streams a function call through the responses.stream helper', async () => {
    const stream = client.responses.stream({
      model: 'agent',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    });
    const events: Record<string, unknown>[] = [];
    stream.on('event', (event) => events.push(event as unknown as Record<string, unknown>));
    const final = await stream.finalResponse();
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const added = events[2] as { output_index: number; item: Record<string, unknown> };
    expect(added.output_index).toBe(0);
    expect(added.item).toMatchObject({
      type: 'function_call',
      call_id: 'call_weather_1',
      name: 'get_weather',
      arguments: '',
      status: 'in_progress',
    });
    expect(events[3]).toMatchObject({ item_id: added.item.id, output_index: 0, delta: '{"city":' });
    expect(events[4]).toMatchObject({ item_id: added.item.id, output_index: 0, delta: '"Paris"}' });
    expect(events[5]).toMatchObject({
      item_id: added.item.id,
      output_index: 0,
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(final.output[0]).toMatchObject({
      type: 'function_call',
      arguments: '{"city":"Paris"}',
      status: 'completed',
    });
    expect(final.usage).toMatchObject({
      input_tokens: 20,
      output_tokens: 6,
      total_tokens: 26,
      input_tokens_details: { cached_tokens: 4 },
    });
  });

  it('keeps conversation state: instructions are not carried over, turns are', async () => {
    const first = await client.responses.create({
      model: 'agent',
      input: 'My name is Ada.',
      instructions: 'Be brief.',
    });
    const second = await client.responses.create({
      model: 'agent',
      input: 'What is my name?',
      previous_response_id: first.id,
    });
    expect(second.output_text).toBe('You said: What is my name? (3 messages)');
    expect(scripted.requests.at(-1)?.body.messages).toEqual([
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'You said: My name is Ada. (2 messages)' },
      { role: 'user', content: 'What is my name?' },
    ]);
  });

  it('translates text.format json_schema into response_format (structured output)', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, temperature: { type: 'number' } },
      required: ['city', 'temperature'],
      additionalProperties: false,
    };
    const response = await client.responses.create({
      model: 'agent',
      input: 'Weather as JSON',
      text: { format: { type: 'json_schema', name: 'weather', schema, strict: true } },
    });
    expect(JSON.parse(response.output_text)).toEqual(JSON.parse(weatherJson));
    expect(response.text?.format).toEqual({ type: 'json_schema', name: 'weather', schema, strict: true });
    expect(scripted.requests.at(-1)?.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'weather', schema, strict: true },
    });
  });

  it('passes images through (data URL and https URL) and refuses those over the limits or behind the SSRF policy', async () => {
    const small = `data:image/png;base64,${Buffer.alloc(30).toString('base64')}`;
    await client.responses.create({
      model: 'agent',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: small, detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' },
          ],
        },
      ],
    });
    expect(scripted.requests.at(-1)?.body.messages[0].content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: small, detail: 'low' } },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'auto' } },
    ]);
    const big = `data:image/png;base64,${Buffer.alloc(100).toString('base64')}`;
    for (const [url, pattern] of [
      [big, /100 bytes, over the limit of 64/],
      ['http://169.254.169.254/latest/meta-data', /SSRF policy/],
      ['http://localhost:8080/x.png', /local host name/],
      ['file:///etc/passwd', /scheme file:/],
      [`data:text/html;base64,${Buffer.from('<b>').toString('base64')}`, /text\/html/],
    ] as const) {
      const error = await client.responses
        .create({
          model: 'agent',
          input: [{ role: 'user', content: [{ type: 'input_image', image_url: url, detail: 'auto' }] }],
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_IMAGE_REJECTED');
      expect((error as Error).message).toMatch(pattern);
    }
  });

  it('refuses what it cannot translate, and unknown models, in OpenAI error shape', async () => {
    const tool = await client.responses
      .create({ model: 'agent', input: 'hi', tools: [{ type: 'web_search' }] })
      .catch((e: unknown) => e);
    expect(tool).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tool as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_API_UNSUPPORTED');
    const model = await client.responses.create({ model: 'nope', input: 'hi' }).catch((e: unknown) => e);
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
    const previous = await client.responses
      .create({ model: 'agent', input: 'hi', previous_response_id: 'resp_missing' })
      .catch((e: unknown) => e);
    expect(previous).toBeInstanceOf(OpenAI.NotFoundError);
    expect((previous as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_RESPONSE_NOT_FOUND');
  });
});

describe('GET and DELETE /v1/responses/{id}', () => {
  it('retrieves a stored response as created, deletes it, and then finds nothing', async () => {
    const created = await client.responses.create({ model: 'local', input: 'keep me' });
    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.output).toEqual(created.output);
    expect(retrieved.usage).toEqual(created.usage);
    await client.responses.delete(created.id);
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.responses.delete(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('lists the input items of a stored response (its conversation, the answer excluded)', async () => {
    const first = await client.responses.create({
      model: 'agent',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    });
    const second = await client.responses.create({
      model: 'agent',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: 'call_weather_1', output: 'sunny' }],
    });
    const items = await client.responses.inputItems.list(second.id, { order: 'asc' });
    expect(items.data.map((item) => item.type)).toEqual(['message', 'function_call', 'function_call_output']);
    expect(items.data[0]).toMatchObject({
      role: 'user',
      content: [{ type: 'input_text', text: 'Weather in Paris?' }],
    });
    expect(items.data[1]).toMatchObject({
      call_id: 'call_weather_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(items.data[2]).toMatchObject({ call_id: 'call_weather_1', output: 'sunny' });
    const newestFirst = await client.responses.inputItems.list(second.id);
    expect(newestFirst.data.map((item) => item.type)).toEqual([
      'function_call_output',
      'function_call',
      'message',
    ]);
  });

  it('does not store a response created with store: false', async () => {
    const created = await client.responses.create({ model: 'local', input: 'forget me', store: false });
    expect((created as unknown as { store: boolean }).store).toBe(false);
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("keeps each tenant's responses to itself (read, continue, delete)", async () => {
    const acme = await harness.gateway.keys.create({ name: 'acme', tenant: 'acme' });
    const globex = await harness.gateway.keys.create({ name: 'globex', tenant: 'globex' });
    const asAcme = new OpenAI({ baseURL: harness.baseURL, apiKey: acme.key, maxRetries: 0 });
    const asGlobex = new OpenAI({ baseURL: harness.baseURL, apiKey: globex.key, maxRetries: 0 });
    const created = await asAcme.responses.create({ model: 'local', input: 'secret' });
    expect((await asAcme.responses.retrieve(created.id)).id).toBe(created.id);
    await expect(asGlobex.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(asGlobex.responses.delete(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      asGlobex.responses.create({ model: 'local', input: 'x', previous_response_id: created.id }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect((await asAcme.responses.retrieve(created.id)).id).toBe(created.id);
  });
});

describe('images on /v1/chat/completions', () => {
  it('passes an https image through and refuses a private address', async () => {
    const ok = await client.chat.completions.create({
      model: 'agent',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'see' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
          ],
        },
      ],
    });
    expect(ok.choices[0].message.content).toBe('You said: see[image] (1 messages)');
    const error = await client.chat.completions
      .create({
        model: 'agent',
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://10.0.0.5/a.png' } }] },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_IMAGE_REJECTED');
  });
});
