// A local GGUF served through the gateway (`type: llama` upstream) on the OpenAI API, with the official
// openai client: whole and streamed answers, response_format json_schema enforced by a grammar,
// tool calls, embeddings, and clear errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeLlamaEngines, writeTinyGguf } from '../src/llama/index.js';
import { type Harness, startGateway } from './gateway-harness.js';

let dir: string;
let harness: Harness;
let client: OpenAI;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gantry-gw-llama-'));
  const model = join(dir, 'tiny.gguf');
  await writeTinyGguf(model);
  harness = await startGateway({
    gateway: {
      upstreams: { local: { type: 'llama', llama: { model, gpu: false, contextSize: 512, threads: 1 } } },
      routes: { tiny: { targets: [{ upstream: 'local' }] } },
    },
  });
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'unused', maxRetries: 0 });
});
afterAll(async () => {
  await harness.close();
  await disposeLlamaEngines();
  await rm(dir, { recursive: true, force: true });
});

const shirt = {
  type: 'object',
  properties: { colour: { enum: ['red', 'green'] }, ok: { type: 'boolean' } },
  required: ['colour', 'ok'],
  additionalProperties: false,
};

describe('gateway with a type: llama upstream', () => {
  it('answers a chat completion with usage', async () => {
    const answer = await client.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: 'hello' }],
      max_tokens: 5,
    });
    expect(answer.choices[0].message.role).toBe('assistant');
    expect(answer.usage?.completion_tokens).toBeGreaterThan(0);
    expect(answer.choices[0].finish_reason).toMatch(/length|stop/);
  });

  it('honours response_format json_schema, streamed', async () => {
    const stream = await client.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: 'a shirt' }],
      max_tokens: 300,
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema', json_schema: { name: 'shirt', schema: shirt, strict: true } },
    });
    let text = '';
    let chunks = 0;
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      chunks++;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    const value = JSON.parse(text);
    expect(['red', 'green']).toContain(value.colour);
    expect(typeof value.ok).toBe('boolean');
    expect(usage).toMatchObject({ completion_tokens: expect.any(Number) });
  });

  it('returns a parseable tool call when one is required', async () => {
    const answer = await client.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: 'weather?' }],
      max_tokens: 300,
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            parameters: {
              type: 'object',
              properties: { city: { enum: ['Oslo', 'Lima'] } },
              required: ['city'],
            },
          },
        },
      ],
      tool_choice: 'required',
    });
    const call = answer.choices[0].message.tool_calls?.[0];
    expect(answer.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('weather');
    expect(['Oslo', 'Lima']).toContain(
      JSON.parse(call?.type === 'function' ? call.function.arguments : '{}').city,
    );
  });

  it('embeds', async () => {
    const result = await client.embeddings.create({
      model: 'tiny',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    expect(result.data).toHaveLength(2);
    expect(result.data[0].embedding).toHaveLength(64);
  });

  it('answers 400 with the keyword named for a schema the grammar cannot enforce', async () => {
    const error = await client.chat.completions
      .create({
        model: 'tiny',
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'x',
            schema: { type: 'object', properties: { id: { type: 'string', pattern: '^a' } } },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect(String((error as Error).message)).toContain('#/properties/id/pattern');
  });
});
