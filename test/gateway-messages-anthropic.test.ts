// Conformance of POST /v1/messages with the official @anthropic-ai/sdk on a real socket: translated to
// OpenAI-compatible upstreams (the simulator, a scripted chat backend with tools) and passed through
// to an Anthropic-format fake, each field of each streamed event checked; errors in Anthropic's shape.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type FakeServer, startFakeAnthropic, startScriptedChat } from './gateway-apis-fakes.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let scripted: FakeServer;
let claude: FakeServer;
let harness: Harness;
let key: string;
let keyId: string;
let client: Anthropic;

const weatherTool = {
  name: 'get_weather',
  description: 'Weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 3 });
  scripted = await startScriptedChat();
  claude = await startFakeAnthropic();
  harness = await startGateway({
    gateway: {
      auth: { required: true },
      upstreams: {
        sim: { baseURL: simulator.baseURL },
        scripted: { baseURL: scripted.url },
        claude: { type: 'anthropic', baseURL: claude.url, apiKey: 'sk-ant-upstream' },
        down: { type: 'anthropic', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-ant-down' },
      },
      routes: {
        local: { targets: [{ upstream: 'sim' }] },
        agent: { targets: [{ upstream: 'scripted', model: 'scripted-1' }] },
        sonnet: { targets: [{ upstream: 'claude', model: 'claude-sonnet-4-5' }] },
        mixed: {
          strategy: 'fallback',
          targets: [
            { upstream: 'down', model: 'claude-haiku' },
            { upstream: 'sim', model: 'simulated' },
          ],
        },
      },
    },
  });
  const created = await harness.gateway.keys.create({ name: 'claude-code' });
  key = created.key;
  keyId = created.record.id;
  // The SDK sends the key as x-api-key, with its anthropic-version header.
  client = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
  await scripted.close();
  await claude.close();
});

describe('POST /v1/messages to an OpenAI-compatible upstream', () => {
  it('answers a message: text block, stop reason, usage', async () => {
    const message = await client.messages.create({
      model: 'local',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(message.id).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.content).toEqual([{ type: 'text', text: ' w0 w1 w2' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(message.usage.output_tokens).toBe(3);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('translates the system prompt, turns and sampling settings', async () => {
    await client.messages.create({
      model: 'agent',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      // Not in this SDK version's types; the API still takes it.
      ...({ temperature: 0.2 } as object),
      stop_sequences: ['END'],
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: [{ type: 'text', text: 'Bye', cache_control: { type: 'ephemeral' } }] },
      ],
    });
    expect(scripted.requests.at(-1)?.body).toMatchObject({
      model: 'scripted-1',
      max_tokens: 100,
      temperature: 0.2,
      stop: ['END'],
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Bye' },
      ],
    });
  });

  it('streams every event in order with its fields', async () => {
    const stream = await client.messages.create({
      model: 'local',
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'hello' }],
    });
    const events: Record<string, unknown>[] = [];
    for await (const event of stream) events.push(event as unknown as Record<string, unknown>);
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = events[0].message as Record<string, unknown>;
    expect(start).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      stop_sequence: null,
    });
    expect(start.id).toMatch(/^msg_/);
    expect((start.usage as { output_tokens: number }).output_tokens).toBe(0);
    expect(events[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    const texts = events.slice(2, 5).map((e) => {
      expect(e).toMatchObject({ index: 0, delta: { type: 'text_delta' } });
      return (e.delta as { text: string }).text;
    });
    expect(texts.join('')).toBe(' w0 w1 w2');
    expect(events[5]).toEqual({ type: 'content_block_stop', index: 0 });
    expect(events[6]).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 3 },
    });
    expect(events[7]).toEqual({ type: 'message_stop' });
  });

  it('calls tools (tool_use), streamed through MessageStream, and takes the tool_result back', async () => {
    const message = await client.messages.create({
      model: 'agent',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_weather_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 20, output_tokens: 6, cache_read_input_tokens: 4 });
    expect(scripted.requests.at(-1)?.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather in a city',
          parameters: weatherTool.input_schema,
        },
      },
    ]);

    const stream = client.messages.stream({
      model: 'agent',
      max_tokens: 64,
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const events: Record<string, unknown>[] = [];
    stream.on('streamEvent', (event) => events.push(event as unknown as Record<string, unknown>));
    const final = await stream.finalMessage();
    expect(scripted.requests.at(-1)?.body.tool_choice).toBe('required');
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'call_weather_1', name: 'get_weather', input: {} },
    });
    expect(events[2]).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"city":' },
    });
    expect(events[3]).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
    });
    expect(final.content).toEqual([
      { type: 'tool_use', id: 'call_weather_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.usage).toMatchObject({ input_tokens: 20, output_tokens: 6 });

    const answer = await client.messages.create({
      model: 'agent',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: message.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_weather_1', content: 'sunny' }] },
      ],
    });
    expect(answer.content).toEqual([{ type: 'text', text: 'It is sunny in Paris.' }]);
    expect(scripted.requests.at(-1)?.body.messages.slice(1)).toEqual([
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
      { role: 'tool', tool_call_id: 'call_weather_1', content: 'sunny' },
    ]);
  });

  it('passes base64 and URL images on as image_url parts', async () => {
    const data = Buffer.alloc(20).toString('base64');
    await client.messages.create({
      model: 'agent',
      max_tokens: 64,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'text', text: 'What?' },
          ],
        },
      ],
    });
    expect(scripted.requests.at(-1)?.body.messages[0].content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${data}` } },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      { type: 'text', text: 'What?' },
    ]);
  });
});

describe('POST /v1/messages to an Anthropic upstream (passed through)', () => {
  const request = {
    model: 'sonnet',
    max_tokens: 128,
    system: [
      { type: 'text' as const, text: 'Long cached preamble', cache_control: { type: 'ephemeral' as const } },
    ],
    tools: [{ ...weatherTool, cache_control: { type: 'ephemeral' as const } }],
    messages: [
      {
        role: 'user' as const,
        content: [{ type: 'text' as const, text: 'Weather?', cache_control: { type: 'ephemeral' as const } }],
      },
    ],
  };

  it('sends the request as written (cache_control included) with the upstream key, and returns the answer as sent', async () => {
    const message = await client.messages.create(request);
    const sent = claude.requests.at(-1);
    expect(sent?.headers['x-api-key']).toBe('sk-ant-upstream');
    expect(sent?.headers['anthropic-version']).toBeDefined();
    expect(sent?.body).toEqual({ ...request, model: 'claude-sonnet-4-5' });
    expect(message).toEqual({
      id: 'msg_native_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 31,
        output_tokens: 9,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 17,
      },
    });
  });

  it('streams the upstream events through unchanged (pings dropped)', async () => {
    const stream = client.messages.stream({
      model: 'sonnet',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Bonjour?' }],
    });
    const events: Record<string, unknown>[] = [];
    stream.on('streamEvent', (event) => events.push(event as unknown as Record<string, unknown>));
    const final = await stream.finalMessage();
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]).toMatchObject({ message: { id: 'msg_native_2', model: 'claude-sonnet-4-5' } });
    expect(final.content).toEqual([{ type: 'text', text: 'Bonjour from Claude' }]);
    expect(final.usage).toMatchObject({ input_tokens: 31, output_tokens: 9, cache_read_input_tokens: 17 });
    expect(claude.requests.at(-1)?.body.stream).toBe(true);
  });

  it("records the upstream's usage for the key", async () => {
    await harness.gateway.usage.flush();
    const before = await harness.store.gatewayUsage.totalsForKey(keyId);
    await client.messages.create({
      model: 'sonnet',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'count me' }],
    });
    await harness.gateway.usage.flush();
    const after = await harness.store.gatewayUsage.totalsForKey(keyId);
    expect(after.requests - before.requests).toBe(1);
    // The usage row counts the whole prompt as OpenAI's prompt_tokens does: Anthropic's input_tokens
    // (31) plus the cache reads (17), which are priced at the cached rate.
    expect(after.inputTokens - before.inputTokens).toBe(48);
    expect(after.outputTokens - before.outputTokens).toBe(9);
    // The cache reads are kept in their own column, on the row and in the key's totals.
    expect(after.cachedTokens - before.cachedTokens).toBe(17);
    const [row] = await harness.store.gatewayUsage.listUsage({ keyId, limit: 1 });
    expect(row).toMatchObject({ inputTokens: 48, cachedTokens: 17, cacheWriteTokens: 0 });
  });
});

describe('mixed routes and the other inbound APIs', () => {
  it('falls back from an Anthropic target that is down to an OpenAI-compatible one, translating', async () => {
    const message = await client.messages.create({
      model: 'mixed',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: ' w0 w1 w2' }]);
  });

  it('serves the Responses API from an Anthropic upstream (translated both ways)', async () => {
    const { default: OpenAI } = await import('openai');
    const openai = new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0 });
    const response = await openai.responses.create({
      model: 'sonnet',
      input: 'Bonjour?',
      instructions: 'Be brief.',
    });
    expect(response.output_text).toBe('Bonjour from Claude');
    // Responses' input_tokens includes cached tokens (OpenAI's meaning): 31 uncached + 17 cache reads.
    expect(response.usage).toMatchObject({
      input_tokens: 48,
      output_tokens: 9,
      input_tokens_details: { cached_tokens: 17 },
    });
    const sent = claude.requests.at(-1)?.body;
    expect(sent?.system).toBe('Be brief.');
    expect(sent?.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Bonjour?' }] }]);
  });
});

describe('errors on /v1/messages, in Anthropic shape', () => {
  it('refuses an unknown key (x-api-key) with authentication_error', async () => {
    const stranger = new Anthropic({ baseURL: harness.url, apiKey: 'gk-wrong', maxRetries: 0 });
    const error = await stranger.messages
      .create({ model: 'local', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
  });

  it('reports a missing max_tokens and an unknown model', async () => {
    const response = await fetch(`${harness.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'local', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/max_tokens/);
    const missing = await client.messages
      .create({ model: 'nope', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    expect((missing as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'not_found_error' },
    });
  });

  it('refuses an image URL behind the SSRF policy', async () => {
    const error = await client.messages
      .create({
        model: 'agent',
        max_tokens: 8,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'url', url: 'http://127.0.0.1:9/x.png' } }],
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'invalid_request_error' },
    });
  });
});
