// Scripted backends for the translated-API tests: a chat-completions backend that calls a tool when
// tools are offered (until a tool result comes back), answers structured output with JSON and
// otherwise echoes the last user text; and an Anthropic Messages backend that records each request
// as received (headers included) and answers text or a tool_use, whole or streamed.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// biome-ignore lint/suspicious/noExplicitAny: recorded request bodies are arbitrary JSON
export type Recorded = { body: Record<string, any>; headers: IncomingHttpHeaders };

export interface FakeServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

function listen(
  handler: (
    body: Record<string, unknown>,
    recorded: Recorded,
    res: import('node:http').ServerResponse,
  ) => void,
): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      const recorded = { body, headers: req.headers };
      requests.push(recorded);
      handler(body, recorded, res);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

type ChatMessage = { role: string; content?: unknown; tool_calls?: unknown[] };

function lastUserText(messages: ChatMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return (last.content as { type: string; text?: string }[])
    .map((p) => (p.type === 'text' ? p.text : '[image]'))
    .join('');
}

export const weatherJson = '{"city":"Paris","temperature":21}';

export function startScriptedChat(): Promise<FakeServer> {
  return listen((body, _recorded, res) => {
    const messages = body.messages as ChatMessage[];
    const toolResult = messages.some((m) => m.role === 'tool');
    const callTool = Array.isArray(body.tools) && body.tools.length > 0 && !toolResult;
    const structured = (body.response_format as { type?: string } | undefined)?.type === 'json_schema';
    const content = callTool
      ? null
      : structured
        ? weatherJson
        : toolResult
          ? 'It is sunny in Paris.'
          : `You said: ${lastUserText(messages)} (${messages.length} messages)`;
    const usage = {
      prompt_tokens: 20,
      completion_tokens: 6,
      total_tokens: 26,
      prompt_tokens_details: { cached_tokens: 4 },
    };
    const call = {
      id: 'call_weather_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    };
    const finish = callTool ? 'tool_calls' : 'stop';
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, ...(callTool ? { tool_calls: [call] } : {}) },
              finish_reason: finish,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: object, finishReason: string | null = null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    let out = chunk({ role: 'assistant', content: '' });
    if (callTool) {
      out += chunk({
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      });
      out += chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] });
      out += chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] });
    } else {
      for (const piece of (content ?? '').match(/.{1,8}/g) ?? []) out += chunk({ content: piece });
    }
    out += chunk({}, finish);
    out += `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [], usage })}\n\n`;
    res.end(`${out}data: [DONE]\n\n`);
  });
}

function sse(events: Record<string, unknown>[]): string {
  return events.map((data) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

export function startFakeAnthropic(): Promise<FakeServer> {
  return listen((body, _recorded, res) => {
    const messages = body.messages as { content: string | { type: string }[] }[];
    const toolResult = messages.some(
      (m) => Array.isArray(m.content) && m.content.some((b) => b.type === 'tool_result'),
    );
    const useTool = Array.isArray(body.tools) && body.tools.length > 0 && !toolResult;
    const usage = {
      input_tokens: 31,
      output_tokens: 9,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 17,
    };
    const tool = { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_fake' });
      res.end(
        JSON.stringify({
          id: 'msg_native_1',
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: useTool ? [tool] : [{ type: 'text', text: 'Bonjour from Claude' }],
          stop_reason: useTool ? 'tool_use' : 'end_turn',
          stop_sequence: null,
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const start = {
      type: 'message_start',
      message: {
        id: 'msg_native_2',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    };
    const blocks = useTool
      ? [
          { type: 'content_block_start', index: 0, content_block: { ...tool, input: {} } },
          {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '{"city":' },
          },
          {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
          },
        ]
      : [
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'ping' },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Bonjour ' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'from Claude' } },
        ];
    res.end(
      sse([
        start,
        ...blocks,
        { type: 'content_block_stop', index: 0 },
        {
          type: 'message_delta',
          delta: { stop_reason: useTool ? 'tool_use' : 'end_turn', stop_sequence: null },
          usage: { output_tokens: 9 },
        },
        { type: 'message_stop' },
      ]),
    );
  });
}
