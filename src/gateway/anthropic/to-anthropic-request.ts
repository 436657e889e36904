// OpenAI chat request → Anthropic Messages request: system messages become `system`, tool results
// become user `tool_result` blocks, assistant tool calls become `tool_use` blocks, tools get
// `input_schema`. Anthropic requires max_tokens, so a default is supplied.

type OpenAIMessage = {
  role: string;
  content?: unknown;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
};

type Block = Record<string, unknown>;

export const defaultMaxTokens = 4_096;

export interface PromptCachingOptions {
  /** Adds cache_control breakpoints when the stable prefix is long enough and the client set none. */
  automaticBreakpoints?: boolean;
  /** Estimated tokens (4 characters each) the stable prefix needs; Anthropic caches from 1,024. */
  minimumPrefixTokens?: number;
}

export function toAnthropicRequest(
  body: Record<string, unknown>,
  caching: PromptCachingOptions = {},
): Record<string, unknown> {
  const messages = (body.messages as OpenAIMessage[] | undefined) ?? [
    { role: 'user', content: String(body.prompt ?? '') },
  ];
  const system: Block[] = [];
  const out: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  const push = (role: 'user' | 'assistant', blocks: Block[]) => {
    const last = out[out.length - 1];
    // Anthropic wants user and assistant turns to alternate: consecutive turns of one role merge.
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...textBlocks(message.content));
    } else if (message.role === 'tool') {
      push('user', [
        { type: 'tool_result', tool_use_id: message.tool_call_id, content: textOf(message.content) },
      ]);
    } else if (message.role === 'assistant') {
      const blocks: Block[] = textBlocks(message.content).filter((block) => block.text !== '');
      for (const call of message.tool_calls ?? []) {
        blocks.push({
          type: 'tool_use',
          id: call.id,
          name: call.function.name,
          input: parseArguments(call.function.arguments),
        });
      }
      push('assistant', blocks);
    } else {
      push('user', userBlocks(message.content));
    }
  }
  const request: Record<string, unknown> = {
    model: body.model,
    messages: out,
    max_tokens: body.max_tokens ?? body.max_completion_tokens ?? defaultMaxTokens,
  };
  // Plain system text stays a string unless a block carries cache_control (or will get one).
  if (system.length > 0) request.system = system;
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.top_p = body.top_p;
  if (body.stop !== undefined) request.stop_sequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  if (body.stream === true) request.stream = true;
  const tools = body.tools as
    | { type: string; function: { name: string; description?: string; parameters?: unknown } }[]
    | undefined;
  if (tools?.length) {
    request.tools = tools.map((t) => ({
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      input_schema: t.function.parameters ?? { type: 'object', properties: {} },
      ...((t as { cache_control?: unknown }).cache_control
        ? { cache_control: (t as { cache_control?: unknown }).cache_control }
        : {}),
    }));
    const choice = body.tool_choice;
    if (choice === 'required') request.tool_choice = { type: 'any' };
    else if (choice === 'auto') request.tool_choice = { type: 'auto' };
    else if (choice === 'none') request.tool_choice = { type: 'none' };
    else if (typeof choice === 'object' && choice !== null) {
      request.tool_choice = { type: 'tool', name: (choice as { function: { name: string } }).function.name };
    }
  }
  if (caching.automaticBreakpoints && !hasCacheControl(request))
    addBreakpoints(request, system, out, caching.minimumPrefixTokens ?? 1_024);
  if (system.length > 0 && !system.some((block) => block.cache_control))
    request.system = system.map((block) => block.text).join('\n\n');
  return request;
}

const ephemeral = { type: 'ephemeral' };

/**
 * Anthropic caches the prefix up to a block marked cache_control. Two breakpoints: the end of the
 * system prompt (shared by every conversation using it) and the end of the turn before the last
 * user message (this conversation's history), each only when the prefix up to it is long enough.
 */
function addBreakpoints(
  request: Record<string, unknown>,
  system: Block[],
  messages: { role: string; content: Block[] }[],
  minimumTokens: number,
): void {
  let characters = JSON.stringify(request.tools ?? '').length;
  for (const block of system) characters += String(block.text ?? '').length;
  if (system.length > 0 && characters / 4 >= minimumTokens)
    system[system.length - 1].cache_control = ephemeral;
  for (let index = 0; index < messages.length - 1; index++)
    characters += JSON.stringify(messages[index].content).length;
  const lastStable = messages.length >= 2 ? messages[messages.length - 2] : undefined;
  const block = lastStable?.content[lastStable.content.length - 1];
  if (block && characters / 4 >= minimumTokens) block.cache_control = ephemeral;
}

function hasCacheControl(request: Record<string, unknown>): boolean {
  return JSON.stringify([request.system, request.messages, request.tools]).includes('"cache_control"');
}

/** Text parts of a message, each keeping the client's cache_control (pass-through). */
function textBlocks(content: unknown): Block[] {
  if (!Array.isArray(content)) return [{ type: 'text', text: textOf(content) }];
  return content.map((part: { text?: string; cache_control?: unknown }) => ({
    type: 'text',
    text: part.text ?? '',
    ...(part.cache_control ? { cache_control: part.cache_control } : {}),
  }));
}

function userBlocks(content: unknown): Block[] {
  if (!Array.isArray(content)) return [{ type: 'text', text: textOf(content) }];
  return content.map((part: Record<string, unknown>) => {
    if (part.type === 'image_url') {
      const url = String((part.image_url as { url: string }).url);
      const match = /^data:([^;]+);base64,(.*)$/.exec(url);
      return match
        ? { type: 'image', source: { type: 'base64', media_type: match[1], data: match[2] } }
        : { type: 'image', source: { type: 'url', url } };
    }
    return {
      type: 'text',
      text: String(part.text ?? ''),
      ...(part.cache_control ? { cache_control: part.cache_control } : {}),
    };
  });
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}
