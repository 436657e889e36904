// An Anthropic Messages request → a chat-completions request: `system` becomes the system message,
// text and image blocks become content parts, tool_use blocks become assistant tool calls and
// tool_result blocks become tool messages; tools get `parameters` from `input_schema`.
// cache_control has no chat-completions equivalent and is dropped here (Anthropic upstreams receive
// the request as sent, cache_control included).
import { GantryError } from '../../errors/index.js';
import type { ChatMessage } from '../apis/chat-types.js';
import { invalidBody } from '../apis/read-api-body.js';

type Block = Record<string, unknown> & { type?: unknown };

export function toChatRequest(body: Record<string, unknown>): Record<string, unknown> {
  const maxTokens = body.max_tokens;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    throw invalidBody("'max_tokens' is required: a positive integer.", 'max_tokens');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw invalidBody("'messages' must be a non-empty array.", 'messages');
  }
  const messages: ChatMessage[] = [];
  const system = systemText(body.system);
  if (system) messages.push({ role: 'system', content: system });
  for (const raw of body.messages as unknown[]) {
    if (typeof raw !== 'object' || raw === null)
      throw invalidBody('Each message must be an object.', 'messages');
    const message = raw as { role?: unknown; content?: unknown };
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw invalidBody("A message's 'role' must be 'user' or 'assistant'.", 'messages');
    }
    const blocks = blocksOf(message.content);
    if (message.role === 'assistant') messages.push(assistantMessage(blocks));
    else messages.push(...userMessages(blocks));
  }
  const chat: Record<string, unknown> = { model: body.model, messages, max_tokens: maxTokens };
  if (body.stream === true) chat.stream = true;
  for (const key of ['temperature', 'top_p'] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'number') throw invalidBody(`'${key}' must be a number.`, key);
    chat[key] = body[key];
  }
  if (body.stop_sequences !== undefined) {
    if (!Array.isArray(body.stop_sequences))
      throw invalidBody("'stop_sequences' must be an array of strings.", 'stop_sequences');
    if (body.stop_sequences.length > 0) chat.stop = body.stop_sequences;
  }
  const userId = (body.metadata as { user_id?: unknown } | undefined)?.user_id;
  if (typeof userId === 'string') chat.user = userId;
  if (Array.isArray(body.tools) && body.tools.length > 0) chat.tools = body.tools.map(chatTool);
  const choice = toolChoice(body.tool_choice);
  if (choice !== undefined) chat.tool_choice = choice;
  if (
    (body.tool_choice as { disable_parallel_tool_use?: unknown } | undefined)?.disable_parallel_tool_use ===
    true
  ) {
    chat.parallel_tool_calls = false;
  }
  return chat;
}

function systemText(system: unknown): string {
  if (system === undefined || system === null) return '';
  if (typeof system === 'string') return system;
  if (!Array.isArray(system))
    throw invalidBody("'system' must be a string or an array of text blocks.", 'system');
  return system.map((block: Block) => (block.type === 'text' ? String(block.text ?? '') : '')).join('\n\n');
}

function blocksOf(content: unknown): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content))
    throw invalidBody("A message's 'content' must be a string or an array of blocks.", 'messages');
  return content as Block[];
}

function assistantMessage(blocks: Block[]): ChatMessage {
  let text = '';
  const calls: Record<string, unknown>[] = [];
  for (const block of blocks) {
    if (block.type === 'text') text += String(block.text ?? '');
    else if (block.type === 'tool_use') {
      calls.push({
        id: String(block.id ?? ''),
        type: 'function',
        function: { name: String(block.name ?? ''), arguments: JSON.stringify(block.input ?? {}) },
      });
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') {
      throw unsupported(block.type);
    }
  }
  const message: ChatMessage = { role: 'assistant', content: text.length > 0 ? text : null };
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

/** Tool results first (chat wants them right after the assistant's calls), then the rest as one turn. */
function userMessages(blocks: Block[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  const parts: Record<string, unknown>[] = [];
  for (const block of blocks) {
    if (block.type === 'tool_result') {
      const content = block.content;
      let text =
        typeof content === 'string'
          ? content
          : Array.isArray(content)
            ? (content as Block[]).map((b) => String(b.text ?? '')).join('')
            : '';
      if (block.is_error === true) text = `Error: ${text}`;
      out.push({ role: 'tool', tool_call_id: String(block.tool_use_id ?? ''), content: text });
    } else if (block.type === 'text') parts.push({ type: 'text', text: String(block.text ?? '') });
    else if (block.type === 'image') parts.push(imagePart(block));
    else throw unsupported(block.type);
  }
  if (parts.length > 0) {
    const onlyText = parts.every((p) => p.type === 'text');
    out.push({ role: 'user', content: onlyText ? parts.map((p) => p.text).join('') : parts });
  }
  return out;
}

function imagePart(block: Block): Record<string, unknown> {
  const source = block.source as
    | { type?: unknown; media_type?: unknown; data?: unknown; url?: unknown }
    | undefined;
  if (source?.type === 'base64' && typeof source.media_type === 'string' && typeof source.data === 'string') {
    return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  }
  if (source?.type === 'url' && typeof source.url === 'string')
    return { type: 'image_url', image_url: { url: source.url } };
  throw invalidBody(
    "An image block needs a source of type 'base64' (media_type, data) or 'url'.",
    'messages',
  );
}

function chatTool(tool: Block): Record<string, unknown> {
  if (typeof tool.name !== 'string' || tool.name.length === 0)
    throw invalidBody('A tool needs a name.', 'tools');
  if (tool.type !== undefined && tool.type !== 'custom') {
    throw new GantryError(
      'GATEWAY_API_UNSUPPORTED',
      `The tool type '${String(tool.type)}' is not supported: this gateway forwards custom tools only.`,
      {
        hint: 'Use tools with a name, description and input_schema.',
        details: { param: 'tools' },
      },
    );
  }
  const fn: Record<string, unknown> = {
    name: tool.name,
    parameters: tool.input_schema ?? { type: 'object', properties: {} },
  };
  if (typeof tool.description === 'string') fn.description = tool.description;
  return { type: 'function', function: fn };
}

function toolChoice(choice: unknown): unknown {
  if (choice === undefined || choice === null) return undefined;
  const type = (choice as { type?: unknown }).type;
  if (type === 'auto') return 'auto';
  if (type === 'any') return 'required';
  if (type === 'none') return 'none';
  if (type === 'tool')
    return { type: 'function', function: { name: String((choice as { name?: unknown }).name) } };
  throw invalidBody("'tool_choice.type' must be auto, any, tool or none.", 'tool_choice');
}

function unsupported(type: unknown): GantryError {
  return new GantryError(
    'GATEWAY_API_UNSUPPORTED',
    `The content block type '${String(type)}' is not supported by this gateway.`,
    {
      hint: 'Text, image, tool_use and tool_result blocks are translated; send documents as text.',
      details: { param: 'messages' },
    },
  );
}
