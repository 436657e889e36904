// The two stream translators on chunk sequences the conformance tests' backends do not produce: text
// followed by a tool call, and an answer cut at the output limit.
import { describe, expect, it } from 'vitest';
import { messageStream } from '../messages/message-stream.js';
import { responseStream } from '../responses/response-stream.js';
import type { ChatChunk } from './chat-types.js';

const usage = { inputTokens: 5, outputTokens: 7, cachedTokens: 0 };
const text = (content: string): ChatChunk => ({ model: 'm', choices: [{ index: 0, delta: { content } }] });
const call = (args: string, id?: string, name?: string): ChatChunk => ({
  choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id, function: { name, arguments: args } }] } }],
});
const finish = (reason: string): ChatChunk => ({ choices: [{ index: 0, delta: {}, finish_reason: reason }] });

describe('Messages stream translator', () => {
  it('closes the text block before a tool_use block and numbers blocks in order', () => {
    const stream = messageStream('alias', () => 3);
    const events = [
      ...stream.chunk(text('Let me check.')),
      ...stream.chunk(call('', 'call_1', 'get_weather')),
      ...stream.chunk(call('{"city":"Paris"}')),
      ...stream.chunk(finish('tool_calls')),
      ...stream.end(usage),
    ];
    expect(events.map((e) => [e.event, e.data.index])).toEqual([
      ['message_start', undefined],
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
      ['content_block_stop', 1],
      ['message_delta', undefined],
      ['message_stop', undefined],
    ]);
    expect(events[0].data.message).toMatchObject({
      model: 'm',
      usage: { input_tokens: 3, output_tokens: 0 },
    });
    expect(events[4].data.content_block).toEqual({
      type: 'tool_use',
      id: 'call_1',
      name: 'get_weather',
      input: {},
    });
    expect(events[7].data).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { input_tokens: 5, output_tokens: 7 },
    });
  });

  it('reports max_tokens when the answer was cut at the output limit', () => {
    const stream = messageStream('alias', () => 1);
    stream.chunk(text('abc'));
    stream.chunk(finish('length'));
    const end = stream.end(usage);
    expect(end.find((e) => e.event === 'message_delta')?.data.delta).toEqual({
      stop_reason: 'max_tokens',
      stop_sequence: null,
    });
  });
});

describe('Responses stream translator', () => {
  const shell = { id: 'resp_1', createdAt: 1_767_225_600_000, request: { max_output_tokens: 3 } };

  it('gives text and a function call their own output items, and stores the final response', async () => {
    let stored: Record<string, unknown> | undefined;
    const stream = responseStream(shell, 'alias', async (response) => {
      stored = response;
    });
    const events = [
      ...stream.chunk(text('Checking.')),
      ...stream.chunk(call('{"city":', 'call_1', 'get_weather')),
      ...stream.chunk(call('"Paris"}')),
      ...stream.chunk(finish('tool_calls')),
      ...stream.end(usage),
    ];
    const added = events.filter((e) => e.event === 'response.output_item.added');
    expect(added.map((e) => [e.data.output_index, (e.data.item as { type: string }).type])).toEqual([
      [0, 'message'],
      [1, 'function_call'],
    ]);
    const completed = events[events.length - 1];
    expect(completed.event).toBe('response.completed');
    const output = (completed.data.response as { output: Record<string, unknown>[] }).output;
    expect(output.map((item) => item.type)).toEqual(['message', 'function_call']);
    expect(output[1]).toMatchObject({
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    await stream.finished?.();
    expect(stored?.id).toBe('resp_1');
  });

  it('ends incomplete at the output limit', () => {
    const stream = responseStream(shell, 'alias', async () => {});
    stream.chunk(text('abc'));
    stream.chunk(finish('length'));
    const last = stream.end(usage).at(-1);
    expect(last?.event).toBe('response.incomplete');
    expect(last?.data.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      max_output_tokens: 3,
    });
  });
});
