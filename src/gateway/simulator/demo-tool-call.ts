// The demo simulator's tool use: offered tools and not yet answered by one, it calls the first tool
// whose required arguments it can fill from the user's message (an arithmetic expression for a field
// named like 'expression', the message itself for other strings). It decides nothing: it shows the
// tool-call path working end to end without a model.
import type { ServerResponse } from 'node:http';

export interface DemoToolCall {
  name: string;
  arguments: string;
}

interface ToolSpec {
  function?: {
    name?: string;
    parameters?: { properties?: Record<string, { type?: unknown }>; required?: string[] };
  };
}

export function demoToolCall(body: Record<string, unknown>): DemoToolCall | undefined {
  if (!Array.isArray(body.tools) || body.tools.length === 0 || !Array.isArray(body.messages))
    return undefined;
  const messages = body.messages as { role?: unknown; content?: unknown }[];
  if (messages.some((message) => message.role === 'tool')) return undefined;
  const user = [...messages].reverse().find((message) => message.role === 'user');
  const text = typeof user?.content === 'string' ? user.content : '';
  if (!text) return undefined;
  for (const tool of body.tools as ToolSpec[]) {
    const name = tool.function?.name;
    if (!name) continue;
    const properties = tool.function?.parameters?.properties ?? {};
    const required = tool.function?.parameters?.required ?? Object.keys(properties);
    const input: Record<string, string> = {};
    let fillable = true;
    for (const field of required) {
      if (properties[field]?.type !== 'string') fillable = false;
      else if (/expression|formula/i.test(field)) {
        const expression = arithmeticIn(text);
        if (expression) input[field] = expression;
        else fillable = false;
      } else input[field] = text;
    }
    if (fillable) return { name, arguments: JSON.stringify(input) };
  }
  return undefined;
}

/** The longest run of digits and operators with at least one operator between numbers. */
function arithmeticIn(text: string): string | undefined {
  const runs = text.match(/[\d.()]+(?:\s*[-+*/^%]\s*[\d.()]+)+/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0]?.trim();
}

/** Writes the call as an OpenAI chat completion, whole or as a stream. */
export function writeToolCall(
  res: ServerResponse,
  call: DemoToolCall,
  meta: { id: string; model: string; stream: boolean; includeUsage: boolean; promptTokens: number },
): void {
  const created = Math.floor(Date.now() / 1000);
  const toolCall = { id: `call_${meta.id}`, type: 'function', function: call };
  const completionTokens = Math.max(1, Math.ceil(call.arguments.length / 4));
  const usage = {
    prompt_tokens: meta.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: meta.promptTokens + completionTokens,
  };
  if (!meta.stream) {
    const payload = JSON.stringify({
      id: meta.id,
      object: 'chat.completion',
      created,
      model: meta.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, tool_calls: [toolCall] },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
      usage,
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
    return;
  }
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: meta.id, object: 'chat.completion.chunk', created, model: meta.model, choices, ...extra })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(chunk([{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }]));
  res.write(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, ...toolCall }] }, finish_reason: null }]));
  res.write(chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]));
  if (meta.includeUsage) res.write(chunk([], { usage }));
  res.end('data: [DONE]\n\n');
}
