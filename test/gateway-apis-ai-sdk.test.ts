// The AI SDK's own providers as clients of the translated APIs: @ai-sdk/openai's Responses model and
// @ai-sdk/anthropic's Messages model, text and tool calls, streamed and not.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, startScriptedChat } from './gateway-apis-fakes.js';
import { type Harness, startGateway } from './gateway-harness.js';

let scripted: FakeServer;
let harness: Harness;

const tools = {
  get_weather: tool({
    description: 'Weather in a city',
    inputSchema: jsonSchema<{ city: string }>({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    }),
  }),
};

beforeAll(async () => {
  scripted = await startScriptedChat();
  harness = await startGateway({
    gateway: {
      upstreams: { scripted: { baseURL: scripted.url } },
      routes: { agent: { targets: [{ upstream: 'scripted', model: 'scripted-1' }] } },
    },
  });
});

afterAll(async () => {
  await harness.close();
  await scripted.close();
});

describe('AI SDK clients of the translated APIs', () => {
  it('@ai-sdk/openai responses(): text, streamed text and a tool call', async () => {
    const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'x' });
    const text = await generateText({
      model: openai.responses('agent'),
      prompt: 'hello',
      providerOptions: { openai: { store: false } },
    });
    expect(text.text).toBe('You said: hello (1 messages)');
    expect(text.usage).toMatchObject({ inputTokens: 20, outputTokens: 6 });
    const streamed = streamText({ model: openai.responses('agent'), prompt: 'hello' });
    let out = '';
    for await (const part of streamed.textStream) out += part;
    expect(out).toBe('You said: hello (1 messages)');
    const called = await generateText({
      model: openai.responses('agent'),
      prompt: 'Weather in Paris?',
      tools,
    });
    expect(called.toolCalls).toMatchObject([{ toolName: 'get_weather', input: { city: 'Paris' } }]);
    expect(called.finishReason).toBe('tool-calls');
  });

  it('@ai-sdk/anthropic: text, streamed text and a tool call', async () => {
    const anthropic = createAnthropic({ baseURL: harness.baseURL, apiKey: 'x' });
    const text = await generateText({
      model: anthropic('agent'),
      maxOutputTokens: 64,
      prompt: 'hello',
      system: 'Be brief.',
    });
    expect(text.text).toBe('You said: hello (2 messages)');
    expect(scripted.requests.at(-1)?.body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    const streamed = streamText({ model: anthropic('agent'), maxOutputTokens: 64, prompt: 'hello' });
    let out = '';
    for await (const part of streamed.textStream) out += part;
    expect(out).toBe('You said: hello (1 messages)');
    expect((await streamed.usage).outputTokens).toBe(6);
    const called = await generateText({
      model: anthropic('agent'),
      maxOutputTokens: 64,
      prompt: 'Weather in Paris?',
      tools,
    });
    expect(called.toolCalls).toMatchObject([{ toolName: 'get_weather', input: { city: 'Paris' } }]);
    expect(called.finishReason).toBe('tool-calls');
  });
});
