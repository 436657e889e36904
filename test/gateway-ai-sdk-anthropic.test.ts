// The AI SDK's openai-compatible provider as a client, and the Anthropic upstream against a local
// fake Anthropic server (Messages API, tools, streaming).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { embed, generateText, jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let anthropic: Server;
let anthropicURL: string;
let harness: Harness;
const anthropicRequests: Record<string, unknown>[] = [];

function sse(events: [string, unknown][]): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** A fake Anthropic Messages API: text answers, a tool call when tools are offered, streaming or not. */
function fakeAnthropic(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      anthropicRequests.push({
        ...body,
        headers: { key: req.headers['x-api-key'], version: req.headers['anthropic-version'] },
      });
      const usesTool =
        Array.isArray(body.tools) &&
        !(body.messages as { content: { type: string }[] }[]).some((m) =>
          m.content.some((b) => b.type === 'tool_result'),
        );
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: body.model,
            content: usesTool
              ? [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }]
              : [{ type: 'text', text: 'Bonjour from Claude' }],
            stop_reason: usesTool ? 'tool_use' : 'end_turn',
            usage: { input_tokens: 12, output_tokens: 4 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const start: [string, unknown] = [
        'message_start',
        {
          type: 'message_start',
          message: { id: 'msg_2', model: body.model, usage: { input_tokens: 12, output_tokens: 1 } },
        },
      ];
      const events: [string, unknown][] = usesTool
        ? [
            start,
            [
              'content_block_start',
              {
                type: 'content_block_start',
                index: 0,
                content_block: { type: 'tool_use', id: 'toolu_2', name: 'weather', input: {} },
              },
            ],
            [
              'content_block_delta',
              {
                type: 'content_block_delta',
                index: 0,
                delta: { type: 'input_json_delta', partial_json: '{"city":' },
              },
            ],
            [
              'content_block_delta',
              {
                type: 'content_block_delta',
                index: 0,
                delta: { type: 'input_json_delta', partial_json: '"Lyon"}' },
              },
            ],
            ['content_block_stop', { type: 'content_block_stop', index: 0 }],
            [
              'message_delta',
              { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 7 } },
            ],
            ['message_stop', { type: 'message_stop' }],
          ]
        : [
            start,
            [
              'content_block_start',
              { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
            ],
            ['ping', { type: 'ping' }],
            [
              'content_block_delta',
              { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Bon' } },
            ],
            [
              'content_block_delta',
              { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'jour' } },
            ],
            ['content_block_stop', { type: 'content_block_stop', index: 0 }],
            [
              'message_delta',
              { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
            ],
            ['message_stop', { type: 'message_stop' }],
          ];
      res.end(sse(events));
    });
  });
}

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 3 });
  anthropic = fakeAnthropic();
  await new Promise<void>((resolve) => anthropic.listen(0, '127.0.0.1', resolve));
  anthropicURL = `http://127.0.0.1:${(anthropic.address() as AddressInfo).port}/v1`;
  harness = await startGateway({
    gateway: {
      upstreams: {
        sim: { baseURL: simulator.baseURL },
        claude: { type: 'anthropic', baseURL: anthropicURL, apiKey: 'sk-ant-test' },
      },
      routes: {
        local: { targets: [{ upstream: 'sim' }] },
        claude: { targets: [{ upstream: 'claude', model: 'claude-sonnet-4-5' }] },
      },
    },
  });
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
  await new Promise<void>((resolve) => anthropic.close(() => resolve()));
});

describe('AI SDK openai-compatible provider as a client', () => {
  const provider = () =>
    createOpenAICompatible({ name: 'gantry', baseURL: harness.baseURL, apiKey: 'x', includeUsage: true });

  it('generateText', async () => {
    const result = await generateText({ model: provider()('local'), prompt: 'hello' });
    expect(result.text).toBe(' w0 w1 w2');
    expect(result.usage.outputTokens).toBe(3);
  });

  it('streamText', async () => {
    const result = streamText({ model: provider()('local'), prompt: 'hello' });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toBe(' w0 w1 w2');
    expect((await result.usage).outputTokens).toBe(3);
  });

  it('completion model and embeddings', async () => {
    const completion = await generateText({ model: provider().completionModel('local'), prompt: 'once' });
    expect(completion.text).toBe(' w0 w1 w2');
    const { embedding } = await embed({ model: provider().textEmbeddingModel('local'), value: 'hi' });
    expect(embedding).toHaveLength(8);
  });

  it('surfaces a stream cut mid-answer as an error part', async () => {
    simulator.configure({ outputTokens: 6, faults: { cut: 1 } });
    try {
      const errors: unknown[] = [];
      const result = streamText({
        model: provider()('local'),
        prompt: 'hello',
        onError: ({ error }) => void errors.push(error),
      });
      let text = '';
      for await (const part of result.textStream) text += part;
      expect(text).toBe(' w0 w1 w2');
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      simulator.configure({ outputTokens: 3 });
    }
  });
});

describe('Anthropic upstream', () => {
  const client = () => new OpenAI({ baseURL: harness.baseURL, apiKey: 'x', maxRetries: 0 });

  it('translates a chat completion to the Messages API and back', async () => {
    const completion = await client().chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
      max_tokens: 100,
      temperature: 0.2,
      stop: ['END'],
    });
    expect(completion.choices[0].message.content).toBe('Bonjour from Claude');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4 });
    const sent = anthropicRequests.at(-1) as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: 'Be brief.',
      max_tokens: 100,
      temperature: 0.2,
      stop_sequences: ['END'],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }],
      headers: { key: 'sk-ant-test', version: '2023-06-01' },
    });
  });

  it('translates tools, tool calls and tool results', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'weather',
          description: 'Weather in a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const first = await client().chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
      tool_choice: 'required',
    });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({
      id: 'toolu_1',
      type: 'function',
      function: { name: 'weather', arguments: '{"city":"Paris"}' },
    });
    expect(anthropicRequests.at(-1)).toMatchObject({
      tools: [{ name: 'weather', description: 'Weather in a city', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
    await client().chat.completions.create({
      model: 'claude',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        first.choices[0].message,
        { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
      ],
    });
    expect((anthropicRequests.at(-1) as { messages: unknown }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
    ]);
  });

  it('translates a streamed answer, with usage counted', async () => {
    const stream = await client().chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Bonjour');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 2 });
  });

  it('answers /v1/completions with a text_completion', async () => {
    const completion = await client().completions.create({ model: 'claude', prompt: 'Say hello' });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]).toMatchObject({
      index: 0,
      text: 'Bonjour from Claude',
      finish_reason: 'stop',
    });
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    expect(anthropicRequests.at(-1)).toMatchObject({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }],
    });
  });

  it('streams /v1/completions as text_completion chunks, with usage counted', async () => {
    const stream = await client().completions.create({
      model: 'claude',
      prompt: 'hi',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    const objects = new Set<string>();
    for await (const chunk of stream) {
      objects.add(chunk.object);
      for (const choice of chunk.choices) expect(choice).not.toHaveProperty('delta');
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect([...objects]).toEqual(['text_completion']);
    expect(text).toBe('Bonjour');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 });
    await harness.gateway.usage.flush();
    const [row] = await harness.store.gatewayUsage.listUsage({ limit: 1 });
    expect(row).toMatchObject({
      endpoint: 'completions',
      stream: true,
      status: 200,
      inputTokens: 12,
      outputTokens: 2,
      usageSource: 'upstream',
    });
  });

  it('counts a streamed completion from the upstream usage, not shown when the client did not ask', async () => {
    const response = await fetch(`${harness.baseURL}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude', prompt: 'hi', stream: true }),
    });
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .map((e) => e.slice(6));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Record<string, unknown>);
    expect(chunks.map((c) => c.object)).toEqual(chunks.map(() => 'text_completion'));
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
    expect(chunks.map((c) => (c.choices as { text: string }[])[0].text).join('')).toBe('Bonjour');
    await harness.gateway.usage.flush();
    const [row] = await harness.store.gatewayUsage.listUsage({ limit: 1 });
    expect(row).toMatchObject({
      endpoint: 'completions',
      stream: true,
      outputTokens: 2,
      usageSource: 'upstream',
    });
  });

  it('translates streamed tool calls, usable by the AI SDK', async () => {
    const provider = createOpenAICompatible({ name: 'gantry', baseURL: harness.baseURL, apiKey: 'x' });
    const calls: unknown[] = [];
    const result = streamText({
      model: provider('claude'),
      prompt: 'Weather in Lyon?',
      tools: {
        weather: tool({
          description: 'Weather in a city',
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
          }),
        }),
      },
    });
    for await (const part of result.fullStream) if (part.type === 'tool-call') calls.push(part.input);
    expect(calls).toEqual([{ city: 'Lyon' }]);
  });
});
