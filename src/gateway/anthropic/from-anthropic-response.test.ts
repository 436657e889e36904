import { describe, expect, it } from 'vitest';
import { AnthropicStreamTranslator } from './from-anthropic-response.js';

const events: [string, Record<string, unknown>][] = [
  ['message_start', { message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 5 } } }],
  ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
  ['content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }],
  ['content_block_stop', { index: 0 }],
  ['message_delta', { delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 3 } }],
  ['message_stop', {}],
];

function translateAll(translator: AnthropicStreamTranslator): Record<string, unknown>[] {
  return events.flatMap(([type, data]) => translator.translate(type, data).chunks.map((c) => JSON.parse(c)));
}

describe('AnthropicStreamTranslator', () => {
  it('shapes chat chunks for the chat endpoint', () => {
    const chunks = translateAll(new AnthropicStreamTranslator('m'));
    expect(chunks.map((c) => c.object)).toEqual(chunks.map(() => 'chat.completion.chunk'));
    expect(chunks[0].choices).toEqual([
      { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null },
    ]);
    expect(chunks[1].choices).toEqual([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]);
  });

  it('shapes text_completion chunks for /v1/completions: no role chunk, text, then usage', () => {
    const chunks = translateAll(new AnthropicStreamTranslator('m', 'completions'));
    expect(chunks).toEqual([
      expect.objectContaining({
        id: 'msg_1',
        object: 'text_completion',
        model: 'claude-x',
        choices: [{ index: 0, text: 'Hi', logprobs: null, finish_reason: null }],
      }),
      expect.objectContaining({
        object: 'text_completion',
        choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'length' }],
      }),
      expect.objectContaining({
        object: 'text_completion',
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      }),
    ]);
  });
});
