// The Responses API's Response object, built from the request and the output items of an answer.
import type { AnswerUsage, ChatMessage } from '../apis/chat-types.js';

export type OutputItem = Record<string, unknown> & { type: string; id: string };

export interface ResponseShell {
  id: string;
  createdAt: number;
  request: Record<string, unknown>;
}

export function responseObject(
  shell: ResponseShell,
  model: string,
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed',
  output: OutputItem[],
  usage: AnswerUsage | null,
  finishReason?: string | null,
): Record<string, unknown> {
  const { request } = shell;
  return {
    id: shell.id,
    object: 'response',
    created_at: Math.floor(shell.createdAt / 1000),
    status,
    error: null,
    incomplete_details:
      status === 'incomplete' && finishReason === 'length' ? { reason: 'max_output_tokens' } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model,
    output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: request.store !== false,
    temperature: request.temperature ?? 1,
    text: { format: (request.text as { format?: unknown } | undefined)?.format ?? { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage: usage
      ? {
          input_tokens: usage.inputTokens,
          input_tokens_details: { cached_tokens: usage.cachedTokens },
          output_tokens: usage.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.inputTokens + usage.outputTokens,
        }
      : null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/** 'length' (the output limit) makes a response incomplete; anything else completes it. */
export function statusOf(finishReason: string | null | undefined): 'completed' | 'incomplete' {
  return finishReason === 'length' ? 'incomplete' : 'completed';
}

export function messageItem(id: string, text: string, status: string): OutputItem {
  return {
    type: 'message',
    id,
    status,
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

export function functionCallItem(
  id: string,
  callId: string,
  name: string,
  args: string,
  status: string,
): OutputItem {
  return { type: 'function_call', id, call_id: callId, name, arguments: args, status };
}

/** The assistant turn the output items make, for the stored conversation. */
export function assistantMessage(output: readonly OutputItem[]): ChatMessage {
  let text = '';
  const calls: Record<string, unknown>[] = [];
  for (const item of output) {
    if (item.type === 'message') {
      for (const part of item.content as { text: string }[]) text += part.text;
    } else if (item.type === 'function_call') {
      calls.push({
        id: item.call_id,
        type: 'function',
        function: { name: item.name, arguments: item.arguments },
      });
    }
  }
  const message: ChatMessage = { role: 'assistant', content: text.length > 0 ? text : null };
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}
