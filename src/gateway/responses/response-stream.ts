// Chat-completions chunks → Responses API stream events: response.created and .in_progress, then per
// output item (a message, or a function call per tool call) output_item.added, content_part.added,
// output_text.delta / function_call_arguments.delta, their .done events and output_item.done, then
// response.completed (or .incomplete at the output limit). Every event carries a sequence_number.
import type { GantryError } from '../../errors/index.js';
import type { StreamTranslator } from '../apis/api-exchange.js';
import type { AnswerUsage, ChatChunk } from '../apis/chat-types.js';
import type { SseEvent } from '../apis/sse-event.js';
import { errorBody } from '../http/index.js';
import { newId } from './new-id.js';
import {
  functionCallItem,
  messageItem,
  type OutputItem,
  type ResponseShell,
  responseObject,
  statusOf,
} from './response-object.js';

interface OpenText {
  kind: 'text';
  outputIndex: number;
  id: string;
  text: string;
}

interface OpenCall {
  kind: 'call';
  outputIndex: number;
  id: string;
  callId: string;
  name: string;
  args: string;
}

export function responseStream(
  shell: ResponseShell,
  alias: string,
  onDone: (response: Record<string, unknown>, output: OutputItem[]) => Promise<void>,
): StreamTranslator {
  let sequence = 0;
  let started = false;
  let model = alias;
  let finishReason: string | null | undefined;
  let text: OpenText | undefined;
  const calls = new Map<number, OpenCall>();
  const items: (OpenText | OpenCall)[] = [];
  let final: { response: Record<string, unknown>; output: OutputItem[] } | undefined;

  const event = (type: string, fields: Record<string, unknown>): SseEvent => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  const open = (events: SseEvent[], chunk?: ChatChunk): void => {
    if (started) return;
    started = true;
    if (chunk?.model) model = chunk.model;
    const response = responseObject(shell, model, 'in_progress', [], null);
    events.push(event('response.created', { response }), event('response.in_progress', { response }));
  };

  return {
    chunk(chunk) {
      const events: SseEvent[] = [];
      open(events, chunk);
      const choice = chunk.choices?.[0];
      if (!choice) return events;
      const content = choice.delta?.content;
      if (typeof content === 'string' && content.length > 0) {
        if (!text) {
          text = { kind: 'text', outputIndex: items.length, id: newId('msg'), text: '' };
          items.push(text);
          events.push(
            event('response.output_item.added', {
              output_index: text.outputIndex,
              item: { type: 'message', id: text.id, status: 'in_progress', role: 'assistant', content: [] },
            }),
            event('response.content_part.added', {
              item_id: text.id,
              output_index: text.outputIndex,
              content_index: 0,
              part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
            }),
          );
        }
        text.text += content;
        events.push(
          event('response.output_text.delta', {
            item_id: text.id,
            output_index: text.outputIndex,
            content_index: 0,
            delta: content,
            logprobs: [],
          }),
        );
      }
      for (const delta of choice.delta?.tool_calls ?? []) {
        let call = calls.get(delta.index);
        if (!call) {
          call = {
            kind: 'call',
            outputIndex: items.length,
            id: newId('fc'),
            callId: delta.id ?? newId('call'),
            name: delta.function?.name ?? '',
            args: '',
          };
          calls.set(delta.index, call);
          items.push(call);
          events.push(
            event('response.output_item.added', {
              output_index: call.outputIndex,
              item: functionCallItem(call.id, call.callId, call.name, '', 'in_progress'),
            }),
          );
        }
        const args = delta.function?.arguments;
        if (args) {
          call.args += args;
          events.push(
            event('response.function_call_arguments.delta', {
              item_id: call.id,
              output_index: call.outputIndex,
              delta: args,
            }),
          );
        }
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
      return events;
    },
    end(usage: AnswerUsage) {
      const events: SseEvent[] = [];
      open(events);
      const output: OutputItem[] = [];
      for (const item of items) {
        if (item.kind === 'text') {
          const done = messageItem(item.id, item.text, 'completed');
          const where = { item_id: item.id, output_index: item.outputIndex, content_index: 0 };
          events.push(
            event('response.output_text.done', { ...where, text: item.text, logprobs: [] }),
            event('response.content_part.done', {
              ...where,
              part: { type: 'output_text', text: item.text, annotations: [], logprobs: [] },
            }),
            event('response.output_item.done', { output_index: item.outputIndex, item: done }),
          );
          output.push(done);
        } else {
          const done = functionCallItem(item.id, item.callId, item.name, item.args, 'completed');
          events.push(
            event('response.function_call_arguments.done', {
              item_id: item.id,
              output_index: item.outputIndex,
              name: item.name,
              arguments: item.args,
            }),
            event('response.output_item.done', { output_index: item.outputIndex, item: done }),
          );
          output.push(done);
        }
      }
      const status = statusOf(finishReason);
      const response = responseObject(shell, model, status, output, usage, finishReason);
      final = { response, output };
      events.push(event(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
      return events;
    },
    error(error: GantryError) {
      const events: SseEvent[] = [];
      open(events);
      const { body } = errorBody(error);
      const detail = (JSON.parse(body) as { error: { message: string; type: string; code: string } }).error;
      const response = {
        ...responseObject(shell, model, 'failed', [], null),
        error: { code: detail.code, message: detail.message },
      };
      events.push(
        event('response.failed', { response }),
        // The openai client raises an APIError for an `error` event whose data has an `error` field.
        event('error', { code: detail.code, message: detail.message, param: null, error: detail }),
      );
      return events;
    },
    async finished() {
      if (final) await onDone(final.response, final.output);
    },
  };
}
