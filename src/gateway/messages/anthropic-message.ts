// A chat completion → an Anthropic Message: text then tool_use blocks, the stop reason and usage in
// Anthropic's names.
import { randomBytes } from 'node:crypto';
import type { AnswerUsage, ChatCompletion } from '../apis/chat-types.js';

const stopReasons: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

export function stopReasonOf(finishReason: string | null | undefined): string {
  return (finishReason && stopReasons[finishReason]) || 'end_turn';
}

export function newMessageId(): string {
  return `msg_${randomBytes(12).toString('hex')}`;
}

export function usageOf(usage: AnswerUsage): Record<string, number> {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedTokens,
  };
}

/** Tool arguments as an object: a model's malformed JSON becomes {} rather than failing the answer. */
export function parseInput(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function anthropicMessage(
  completion: ChatCompletion,
  model: string,
  usage: AnswerUsage,
): Record<string, unknown> {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const content: Record<string, unknown>[] = [];
  if (typeof message?.content === 'string' && message.content.length > 0)
    content.push({ type: 'text', text: message.content });
  for (const call of message?.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseInput(call.function.arguments),
    });
  }
  return {
    id: newMessageId(),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReasonOf(choice?.finish_reason),
    stop_sequence: null,
    usage: usageOf(usage),
  };
}
