// Chat-completions chunks → Anthropic Messages stream events: message_start, then per content block
// (text, or tool_use per tool call) content_block_start, text_delta / input_json_delta deltas and
// content_block_stop, then message_delta (stop reason, output tokens) and message_stop.
import type { GantryError } from '../../errors/index.js';
import type { StreamTranslator } from '../apis/api-exchange.js';
import type { AnswerUsage, ChatChunk } from '../apis/chat-types.js';
import type { SseEvent } from '../apis/sse-event.js';
import { anthropicErrorEvent } from './anthropic-error.js';
import { newMessageId, stopReasonOf, usageOf } from './anthropic-message.js';

export function messageStream(alias: string, estimatedInputTokens: () => number): StreamTranslator {
  let started = false;
  let open: { index: number; kind: 'text' | 'tool'; toolIndex?: number } | undefined;
  let blocks = 0;
  let finishReason: string | null | undefined;

  const event = (type: string, fields: Record<string, unknown>): SseEvent => ({
    event: type,
    data: { type, ...fields },
  });
  const start = (events: SseEvent[], chunk?: ChatChunk): void => {
    if (started) return;
    started = true;
    events.push(
      event('message_start', {
        message: {
          id: newMessageId(),
          type: 'message',
          role: 'assistant',
          model: chunk?.model ?? alias,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: estimatedInputTokens(), output_tokens: 0 },
        },
      }),
    );
  };
  const close = (events: SseEvent[]): void => {
    if (!open) return;
    events.push(event('content_block_stop', { index: open.index }));
    open = undefined;
  };

  return {
    chunk(chunk) {
      const events: SseEvent[] = [];
      start(events, chunk);
      const choice = chunk.choices?.[0];
      if (!choice) return events;
      const text = choice.delta?.content;
      if (typeof text === 'string' && text.length > 0) {
        if (open?.kind !== 'text') {
          close(events);
          open = { index: blocks++, kind: 'text' };
          events.push(
            event('content_block_start', { index: open.index, content_block: { type: 'text', text: '' } }),
          );
        }
        events.push(event('content_block_delta', { index: open.index, delta: { type: 'text_delta', text } }));
      }
      for (const call of choice.delta?.tool_calls ?? []) {
        if (open?.kind !== 'tool' || open.toolIndex !== call.index) {
          close(events);
          open = { index: blocks++, kind: 'tool', toolIndex: call.index };
          events.push(
            event('content_block_start', {
              index: open.index,
              content_block: {
                type: 'tool_use',
                id: call.id ?? `toolu_${open.index}`,
                name: call.function?.name ?? '',
                input: {},
              },
            }),
          );
        }
        const args = call.function?.arguments;
        if (args)
          events.push(
            event('content_block_delta', {
              index: open.index,
              delta: { type: 'input_json_delta', partial_json: args },
            }),
          );
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
      return events;
    },
    end(usage: AnswerUsage) {
      const events: SseEvent[] = [];
      start(events);
      close(events);
      events.push(
        event('message_delta', {
          delta: { stop_reason: stopReasonOf(finishReason), stop_sequence: null },
          usage: usageOf(usage),
        }),
        event('message_stop', {}),
      );
      return events;
    },
    error(error: GantryError) {
      return [anthropicErrorEvent(error)];
    },
  };
}
