// The llama: provider end to end on a tiny random-weight GGUF written by the test (no downloaded
// weights): load once, generate, stream, grammar-constrained JSON and tool calls, embeddings. The
// text is gibberish; the grammar guarantees its shape.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveEmbeddingModel, resolveModel } from '../model/index.js';
import { disposeLlamaEngines, llamaEngineFor, writeTinyGguf } from './index.js';

let dir: string;
let path: string;
const prompt = (text: string): LanguageModelV3CallOptions['prompt'] => [
  { role: 'user', content: [{ type: 'text', text }] },
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gantry-llama-'));
  path = join(dir, 'tiny.gguf');
  const size = await writeTinyGguf(path);
  expect(size).toBeLessThan(600_000);
});
afterAll(async () => {
  await disposeLlamaEngines();
  await rm(dir, { recursive: true, force: true });
});

const schema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    colour: { enum: ['red', 'green', 'blue'] },
    size: { type: 'string', enum: ['S', 'M', 'L'] },
  },
  required: ['ok', 'colour', 'size'],
};

describe('llama: provider on a tiny random GGUF', () => {
  it('loads the model once per process and reads its chat template', async () => {
    const a = await llamaEngineFor(path, { gpu: false, contextSize: 512, threads: 1 });
    const b = await llamaEngineFor(path, { gpu: false, contextSize: 512, threads: 1 });
    expect(a).toBe(b);
    expect(a.model.fileInfo.metadata.general.architecture).toBe('llama');
    expect(a.model.fileInfo.metadata.tokenizer.chat_template).toContain('<|im_start|>');
  });

  it('generates and streams through the AI SDK, with usage', async () => {
    const config = {
      models: {},
      providers: {
        local: { type: 'llama' as const, llama: { gpu: false as const, contextSize: 512, threads: 1 } },
      },
    };
    const model = resolveModel(`local:${path}`, { config });
    const result = await generateText({ model, prompt: 'Say hello', maxOutputTokens: 6, temperature: 0 });
    expect(typeof result.text).toBe('string');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeLessThanOrEqual(6);
    expect(result.finishReason).toMatch(/length|stop/);
    const streamed = streamText({ model, prompt: 'Say hello', maxOutputTokens: 6, temperature: 0 });
    let joined = '';
    for await (const delta of streamed.textStream) joined += delta;
    // Same prompt, temperature 0: the same tokens.
    expect(joined).toBe(result.text);
  });

  it('constrains output to a JSON schema (response format json)', async () => {
    const model = resolveModel(`llama:${path}`, {
      config: {
        models: {},
        providers: { llama: { type: 'llama', llama: { gpu: false, contextSize: 512, threads: 1 } } },
      },
    });
    for (const seed of [1, 2]) {
      const result = await model.doGenerate({
        prompt: prompt('Describe a shirt as JSON'),
        responseFormat: { type: 'json', schema: schema as never },
        maxOutputTokens: 400,
        temperature: 0.8,
        seed,
      });
      const text = result.content.find((c) => c.type === 'text')?.text ?? '';
      const value = JSON.parse(text) as { ok: unknown; colour: unknown; size: unknown };
      expect(typeof value.ok).toBe('boolean');
      expect(['red', 'green', 'blue']).toContain(value.colour);
      expect(['S', 'M', 'L']).toContain(value.size);
    }
  });

  it('streams constrained JSON as text deltas', async () => {
    const model = resolveModel(`llama:${path}`, {
      config: {
        models: {},
        providers: { llama: { type: 'llama', llama: { gpu: false, contextSize: 512, threads: 1 } } },
      },
    });
    const { stream } = await model.doStream({
      prompt: prompt('JSON please'),
      responseFormat: { type: 'json', schema: schema as never },
      maxOutputTokens: 400,
    });
    const parts: LanguageModelV3StreamPart[] = [];
    for await (const part of stream as unknown as AsyncIterable<LanguageModelV3StreamPart>) parts.push(part);
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : [])).join('');
    expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(3);
    expect(JSON.parse(text)).toHaveProperty('colour');
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('forces a parseable tool call with toolChoice required', async () => {
    const model = resolveModel(`llama:${path}`, {
      config: {
        models: {},
        providers: { llama: { type: 'llama', llama: { gpu: false, contextSize: 512, threads: 1 } } },
      },
    });
    const result = await model.doGenerate({
      prompt: prompt('What is the weather?'),
      tools: [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather in a city',
          inputSchema: {
            type: 'object',
            properties: { city: { enum: ['Paris', 'Oslo'] } },
            required: ['city'],
          },
        },
        { type: 'function', name: 'time', inputSchema: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'required' },
      maxOutputTokens: 400,
    });
    const call = result.content.find((c) => c.type === 'tool-call');
    expect(call).toBeDefined();
    expect(['weather', 'time']).toContain(call?.type === 'tool-call' && call.toolName);
    expect(result.finishReason.unified).toBe('tool-calls');
    const input = JSON.parse(call?.type === 'tool-call' ? call.input : '{}');
    if (call?.type === 'tool-call' && call.toolName === 'weather')
      expect(['Paris', 'Oslo']).toContain(input.city);
  });

  it('refuses a schema feature the grammar cannot enforce, naming it', async () => {
    const model = resolveModel(`llama:${path}`, {
      config: {
        models: {},
        providers: { llama: { type: 'llama', llama: { gpu: false, contextSize: 512, threads: 1 } } },
      },
    });
    await expect(
      model.doGenerate({
        prompt: prompt('x'),
        responseFormat: {
          type: 'json',
          schema: { type: 'object', properties: { age: { type: 'integer', minimum: 0 } } } as never,
        },
      }),
    ).rejects.toMatchObject({
      code: 'LLAMA_SCHEMA_UNSUPPORTED',
      message: expect.stringContaining('#/properties/age/minimum'),
    });
  });

  it('embeds text with the same model', async () => {
    const model = resolveEmbeddingModel(`llama:${path}`, {
      config: {
        models: {},
        providers: { llama: { type: 'llama', llama: { gpu: false, contextSize: 512, threads: 1 } } },
      },
    });
    const { embeddings } = await model.doEmbed({ values: ['hello', 'hello', 'other text'] });
    expect(embeddings).toHaveLength(3);
    expect(embeddings[0].length).toBe(64);
    expect(embeddings[0]).toEqual(embeddings[1]);
    expect(embeddings[0]).not.toEqual(embeddings[2]);
  });

  it('says clearly when the GGUF file does not exist', async () => {
    const model = resolveModel(`llama:${join(dir, 'missing.gguf')}`);
    await expect(model.doGenerate({ prompt: prompt('x') })).rejects.toMatchObject({
      code: 'LLAMA_MODEL_NOT_FOUND',
    });
  });
});
