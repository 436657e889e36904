import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import { countTokens, tokenizerFor } from './count-tokens.js';
import { parseModelSpec } from './parse-model-spec.js';
import { applyConfiguredPrices, estimateCost, priceFor } from './price-table.js';
import { resolveEmbeddingModel, resolveModel } from './resolve-model.js';

describe('model names', () => {
  it("parses 'provider:model' keeping colons in the model part", () => {
    expect(parseModelSpec('ollama:llama3.2:3b')).toEqual({ provider: 'ollama', modelId: 'llama3.2:3b' });
    for (const bad of ['gpt-4o', ':x', 'openai:', 'open ai:gpt']) {
      expect(() => parseModelSpec(bad)).toThrow(/provider:model/);
    }
  });

  it('resolves built-in, configured and aliased providers to AI SDK models', () => {
    const config = parseConfig({
      providers: { vllm: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:8000/v1' } },
      models: { fast: { model: 'vllm:Qwen/Qwen2.5-7B-Instruct' } },
    });
    const openai = resolveModel('openai:gpt-4o-mini', { env: { OPENAI_API_KEY: 'sk-test' } });
    expect([openai.provider, openai.modelId, openai.specificationVersion]).toEqual([
      'openai.chat',
      'gpt-4o-mini',
      'v3',
    ]);
    expect(resolveModel('anthropic:claude-sonnet-4-0', { env: {} }).provider).toBe('anthropic.messages');
    expect(resolveModel('ollama:llama3.2').provider).toBe('ollama.chat');
    const aliased = resolveModel('fast', { config });
    expect([aliased.provider, aliased.modelId]).toEqual(['vllm.chat', 'Qwen/Qwen2.5-7B-Instruct']);
    expect(resolveEmbeddingModel('ollama:nomic-embed-text').modelId).toBe('nomic-embed-text');
  });

  it('explains an unknown provider and a compatible provider without a base URL', () => {
    const unknown = (() => {
      try {
        resolveModel('mystery:model');
      } catch (error) {
        return error;
      }
    })();
    expect(GantryError.isInstance(unknown) && unknown.code).toBe('MODEL_PROVIDER_UNKNOWN');
    expect((unknown as Error).message).toContain("'mystery'");
    expect(() => resolveModel('openai-compatible:x')).toThrow(/needs a baseURL/);
  });
});

describe('tokens and prices', () => {
  it('counts with the model family tokenizer', () => {
    // Reference counts from OpenAI's tiktoken: "hello world" is 2 tokens in both encodings.
    expect(countTokens('hello world', 'openai:gpt-4o')).toBe(2);
    expect(countTokens('hello world', 'gpt-4')).toBe(2);
    expect(countTokens('', 'gpt-4o')).toBe(0);
    expect(tokenizerFor('openai:gpt-4o-mini')).toEqual({ name: 'o200k_base', exact: true });
    expect(tokenizerFor('ollama:llama3.2')).toEqual({ name: 'cl100k_base', exact: false });
    // OpenAI cookbook example: "tiktoken is great!" is 6 tokens in cl100k_base.
    expect(countTokens('tiktoken is great!', 'gpt-3.5-turbo')).toBe(6);
  });

  it('prices dated model ids by their family and local models at zero', () => {
    expect(priceFor('openai:gpt-4o-mini-2024-07-18')).toEqual(priceFor('gpt-4o-mini'));
    expect(
      estimateCost({ model: 'openai:gpt-4o', inputTokens: 1_000_000, outputTokens: 100_000 }),
    ).toBeCloseTo(3.5, 10);
    expect(
      estimateCost({ model: 'gpt-4o', inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 500_000 }),
    ).toBeCloseTo(1.875, 10);
    expect(estimateCost({ model: 'ollama:llama3.2', inputTokens: 5000, outputTokens: 5000 })).toBe(0);
    expect(priceFor('somewhere:unknown-model')).toBeUndefined();
    applyConfiguredPrices({
      house: { model: 'vllm:house-model', pricing: { inputPerMillion: 1, outputPerMillion: 2 } },
    });
    expect(
      estimateCost({ model: 'vllm:house-model', inputTokens: 500_000, outputTokens: 500_000 }),
    ).toBeCloseTo(1.5, 10);
    expect(priceFor('house')).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
  });
});
