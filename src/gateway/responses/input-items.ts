// The input items of a stored response (GET /v1/responses/{id}/input_items): its conversation, this
// answer excluded, back in Responses item shapes, newest first as OpenAI lists them by default.
import type { ChatMessage } from '../apis/chat-types.js';

type Item = Record<string, unknown>;

export function inputItems(conversation: readonly ChatMessage[], order: 'asc' | 'desc'): Item[] {
  const items: Item[] = [];
  // The last message is the stored answer itself.
  conversation.slice(0, -1).forEach((message, index) => {
    const id = `item_${index}`;
    if (message.role === 'tool') {
      items.push({
        id,
        type: 'function_call_output',
        call_id: message.tool_call_id,
        output: message.content,
        status: 'completed',
      });
      return;
    }
    const calls =
      (message.tool_calls as { id: string; function: { name: string; arguments: string } }[] | undefined) ??
      [];
    if (message.role !== 'assistant' || (typeof message.content === 'string' && message.content.length > 0)) {
      items.push({
        id,
        type: 'message',
        role: message.role,
        status: 'completed',
        content: contentOf(message),
      });
    }
    calls.forEach((call, n) => {
      items.push({
        id: `${id}_${n}`,
        type: 'function_call',
        call_id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
        status: 'completed',
      });
    });
  });
  return order === 'asc' ? items : items.reverse();
}

function contentOf(message: ChatMessage): Item[] {
  const textType = message.role === 'assistant' ? 'output_text' : 'input_text';
  if (typeof message.content === 'string') return [{ type: textType, text: message.content }];
  if (!Array.isArray(message.content)) return [];
  return (message.content as Item[]).map((part) =>
    part.type === 'image_url'
      ? {
          type: 'input_image',
          image_url: (part.image_url as { url: string }).url,
          detail: (part.image_url as { detail?: string }).detail ?? 'auto',
        }
      : { type: textType, text: String(part.text ?? '') },
  );
}
