// Provider prompt caching: cached input tokens are read from both providers' usage and priced apart.
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../model/index.js';
import { fromAnthropicMessage, toAnthropicRequest } from '../anthropic/index.js';
import { extractUsage } from './extract-usage.js';

describe('cached-token pricing', () => {
  it('OpenAI: prompt_tokens_details.cached_tokens are priced at the cached rate', () => {
    const answer = JSON.stringify({
      choices: [],
      usage: {
        prompt_tokens: 2_000,
        completion_tokens: 100,
        prompt_tokens_details: { cached_tokens: 1_536 },
      },
    });
    const usage = extractUsage(answer);
    expect(usage).toEqual({ inputTokens: 2_000, outputTokens: 100, cachedInputTokens: 1_536 });
    // gpt-4o: $2.50 input, $1.25 cached, $10 output per million.
    const cost = estimateCost({ model: 'openai:gpt-4o', ...usage! });
    expect(cost).toBeCloseTo((464 * 2.5 + 1_536 * 1.25 + 100 * 10) / 1e6, 12);
    expect(cost).toBeLessThan(
      estimateCost({ model: 'openai:gpt-4o', inputTokens: 2_000, outputTokens: 100 }),
    );
  });

  it('Anthropic: cache reads at 0.1× and cache writes at 1.25× the input price', () => {
    const chat = fromAnthropicMessage(
      {
        id: 'msg_1',
        model: 'claude-sonnet-4-20250514',
        content: [{ type: 'text', text: 'hi' }],
        stop_reason: 'end_turn',
        usage: {
          input_tokens: 50,
          output_tokens: 10,
          cache_read_input_tokens: 3_000,
          cache_creation_input_tokens: 1_200,
        },
      },
      'claude',
    );
    const usage = extractUsage(JSON.stringify(chat));
    expect(usage).toEqual({
      inputTokens: 4_250,
      outputTokens: 10,
      cachedInputTokens: 3_000,
      cacheWriteTokens: 1_200,
    });
    const cost = estimateCost({ model: 'anthropic:claude-sonnet-4-20250514', ...usage! });
    expect(cost).toBeCloseTo((50 * 3 + 3_000 * 0.3 + 1_200 * 3.75 + 10 * 15) / 1e6, 12);
    // Anthropic's own usage object (input_tokens excludes the cache) gives the same numbers.
    expect(
      extractUsage(
        '{"usage":{"input_tokens":50,"cache_creation_input_tokens":1200,"cache_read_input_tokens":3000,"output_tokens":10}}',
      ),
    ).toEqual(usage);
  });
});

describe('Anthropic cache_control', () => {
  const longSystem = 'You are a careful assistant. '.repeat(200);

  it("passes the client's cache_control through", () => {
    const request = toAnthropicRequest({
      model: 'claude',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'rules', cache_control: { type: 'ephemeral' } }] },
        {
          role: 'user',
          content: [{ type: 'text', text: 'hello', cache_control: { type: 'ephemeral', ttl: '1h' } }],
        },
      ],
    });
    expect(request.system).toEqual([{ type: 'text', text: 'rules', cache_control: { type: 'ephemeral' } }]);
    expect((request.messages as { content: unknown[] }[])[0].content[0]).toMatchObject({
      cache_control: { type: 'ephemeral', ttl: '1h' },
    });
  });

  it('adds breakpoints on a long stable prefix, and none on a short one', () => {
    const messages = [
      { role: 'system', content: longSystem },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'second question' },
    ];
    const request = toAnthropicRequest(
      { model: 'claude', messages },
      { automaticBreakpoints: true, minimumPrefixTokens: 1_024 },
    );
    expect(request.system).toEqual([
      { type: 'text', text: longSystem, cache_control: { type: 'ephemeral' } },
    ]);
    const turns = request.messages as { role: string; content: Record<string, unknown>[] }[];
    expect(turns[1].content.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(turns[2].content.at(-1)?.cache_control).toBeUndefined();
    const short = toAnthropicRequest(
      { model: 'claude', messages: [{ role: 'system', content: 'Be brief.' }, ...messages.slice(1)] },
      { automaticBreakpoints: true, minimumPrefixTokens: 1_024 },
    );
    expect(short.system).toBe('Be brief.');
    expect(JSON.stringify(short)).not.toContain('cache_control');
  });
});
