// A Responses API request → a chat-completions request: `instructions` becomes the system message,
// input items become messages (function calls and their outputs included), function tools become
// chat tools and `text.format` becomes `response_format`. The conversation a stored response left
// (previous_response_id) comes first.
import { GantryError } from '../../errors/index.js';
import type { ChatMessage } from '../apis/chat-types.js';
import { invalidBody } from '../apis/read-api-body.js';

type Item = Record<string, unknown>;

export interface TranslatedResponsesRequest {
  /** The conversation after this request's input (without the instructions). */
  conversation: ChatMessage[];
  chatBody: Record<string, unknown>;
}

export function toChatRequest(
  body: Record<string, unknown>,
  history: readonly ChatMessage[],
): TranslatedResponsesRequest {
  const conversation: ChatMessage[] = [...history, ...inputMessages(body.input)];
  if (conversation.length === 0) throw invalidBody("'input' must be a string or a non-empty array.", 'input');
  const messages: ChatMessage[] = [];
  if (body.instructions !== undefined && body.instructions !== null) {
    if (typeof body.instructions !== 'string')
      throw invalidBody("'instructions' must be a string.", 'instructions');
    messages.push({ role: 'system', content: body.instructions });
  }
  messages.push(...conversation);
  const chatBody: Record<string, unknown> = { model: body.model, messages };
  if (body.stream === true) chatBody.stream = true;
  copyNumber(body, 'temperature', chatBody, 'temperature');
  copyNumber(body, 'top_p', chatBody, 'top_p');
  copyNumber(body, 'max_output_tokens', chatBody, 'max_tokens');
  if (typeof body.user === 'string') chatBody.user = body.user;
  if (typeof body.parallel_tool_calls === 'boolean') chatBody.parallel_tool_calls = body.parallel_tool_calls;
  const tools = chatTools(body.tools);
  if (tools) chatBody.tools = tools;
  const choice = toolChoice(body.tool_choice);
  if (choice !== undefined) chatBody.tool_choice = choice;
  const format = responseFormat(body.text);
  if (format) chatBody.response_format = format;
  return { conversation, chatBody };
}

function inputMessages(input: unknown): ChatMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw invalidBody("'input' must be a string or an array of items.", 'input');
  const out: ChatMessage[] = [];
  for (const raw of input) {
    if (typeof raw !== 'object' || raw === null)
      throw invalidBody('Each input item must be an object.', 'input');
    const item = raw as Item;
    const type = item.type ?? 'message';
    if (type === 'message') out.push(messageOf(item));
    else if (type === 'function_call') {
      const call = {
        id: String(item.call_id ?? ''),
        type: 'function',
        function: { name: String(item.name ?? ''), arguments: String(item.arguments ?? '') },
      };
      const last = out[out.length - 1];
      // Consecutive calls are one assistant turn with several tool calls, as chat upstreams expect.
      if (last?.role === 'assistant' && Array.isArray(last.tool_calls))
        (last.tool_calls as unknown[]).push(call);
      else out.push({ role: 'assistant', content: null, tool_calls: [call] });
    } else if (type === 'function_call_output') {
      out.push({
        role: 'tool',
        tool_call_id: String(item.call_id ?? ''),
        content: typeof item.output === 'string' ? item.output : JSON.stringify(item.output ?? ''),
      });
    } else if (type === 'reasoning') {
      // Reasoning items of earlier turns carry nothing a chat upstream can take.
    } else {
      throw unsupported(`The input item type '${String(type)}' is not supported by this gateway.`, 'input');
    }
  }
  return out;
}

function messageOf(item: Item): ChatMessage {
  const role = item.role;
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') {
    throw invalidBody("An input message's 'role' must be user, assistant, system or developer.", 'input');
  }
  const content = item.content;
  if (typeof content === 'string') return { role, content };
  if (!Array.isArray(content))
    throw invalidBody("An input message's 'content' must be a string or an array.", 'input');
  if (role === 'assistant') {
    return { role, content: content.map((part: Item) => String(part.text ?? part.refusal ?? '')).join('') };
  }
  return { role, content: content.map(contentPart) };
}

function contentPart(part: Item): Record<string, unknown> {
  if (part.type === 'input_text' || part.type === 'output_text' || part.type === 'text') {
    return { type: 'text', text: String(part.text ?? '') };
  }
  if (part.type === 'input_image') {
    const url = part.image_url;
    if (typeof url !== 'string') {
      throw unsupported(
        "An 'input_image' needs an 'image_url' (a URL or a data: URL); file ids are not supported.",
        'input',
      );
    }
    return { type: 'image_url', image_url: { url, ...(part.detail ? { detail: part.detail } : {}) } };
  }
  throw unsupported(
    `The content part type '${String(part.type)}' is not supported by this gateway.`,
    'input',
  );
}

function chatTools(tools: unknown): Record<string, unknown>[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalidBody("'tools' must be an array.", 'tools');
  if (tools.length === 0) return undefined;
  return tools.map((tool: Item) => {
    if (tool.type !== 'function') {
      throw unsupported(
        `The tool type '${String(tool.type)}' is not supported: this gateway forwards function tools only.`,
        'tools',
      );
    }
    if (typeof tool.name !== 'string' || tool.name.length === 0)
      throw invalidBody('A function tool needs a name.', 'tools');
    const fn: Record<string, unknown> = {
      name: tool.name,
      parameters: tool.parameters ?? { type: 'object', properties: {} },
    };
    if (typeof tool.description === 'string') fn.description = tool.description;
    if (typeof tool.strict === 'boolean') fn.strict = tool.strict;
    return { type: 'function', function: fn };
  });
}

function toolChoice(choice: unknown): unknown {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (typeof choice === 'object' && (choice as Item).type === 'function') {
    return { type: 'function', function: { name: String((choice as Item).name) } };
  }
  throw unsupported("'tool_choice' must be auto, none, required or a function.", 'tool_choice');
}

function responseFormat(text: unknown): Record<string, unknown> | undefined {
  const format = (text as { format?: Item } | undefined)?.format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    if (typeof format.name !== 'string' || typeof format.schema !== 'object' || format.schema === null) {
      throw invalidBody("'text.format' of type json_schema needs a 'name' and a 'schema'.", 'text.format');
    }
    const schema: Record<string, unknown> = { name: format.name, schema: format.schema };
    if (typeof format.strict === 'boolean') schema.strict = format.strict;
    if (typeof format.description === 'string') schema.description = format.description;
    return { type: 'json_schema', json_schema: schema };
  }
  throw invalidBody(`'text.format.type' '${String(format.type)}' is unknown.`, 'text.format');
}

function copyNumber(
  from: Record<string, unknown>,
  key: string,
  to: Record<string, unknown>,
  as: string,
): void {
  const value = from[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidBody(`'${key}' must be a number.`, key);
  to[as] = value;
}

function unsupported(message: string, param: string): GantryError {
  return new GantryError('GATEWAY_API_UNSUPPORTED', message, {
    hint: 'docs/gateway.md lists what the translated APIs carry; send the request to the backend directly for the rest.',
    details: { param },
  });
}
