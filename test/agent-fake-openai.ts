// A minimal OpenAI-compatible chat backend for agent tests: each request is answered by `reply`,
// as JSON or as an SSE stream (when the request asks for stream: true).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  /** Answer with this HTTP error status and message instead (OpenAI error body). */
  error?: { status: number; message: string };
  content?: string;
  toolCalls?: { id: string; name: string; arguments: string }[];
}

export interface FakeBackend {
  url: string;
  requests: { messages: { role: string; content?: unknown }[]; tools?: unknown[]; stream?: boolean }[];
  close(): Promise<void>;
}

export async function startFakeOpenAI(
  reply: (request: FakeBackend['requests'][number]) => FakeReply,
): Promise<FakeBackend> {
  const requests: FakeBackend['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (data) => (body += data));
    req.on('end', () => {
      const request = JSON.parse(body);
      requests.push(request);
      const answer = reply(request);
      if (answer.error) {
        res.writeHead(answer.error.status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: answer.error.message, type: 'api_error', param: null, code: null },
          }),
        );
        return;
      }
      const toolCalls = answer.toolCalls?.map((call, index) => ({
        index,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
      const finish = toolCalls?.length ? 'tool_calls' : 'stop';
      const usage = { prompt_tokens: 50, completion_tokens: 7, total_tokens: 57 };
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            created: 0,
            model: request.model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: answer.content ?? null, tool_calls: toolCalls },
                finish_reason: finish,
              },
            ],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, reason: string | null = null) =>
        res.write(
          `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: request.model, choices: [{ index: 0, delta, finish_reason: reason }] })}\n\n`,
        );
      if (toolCalls) chunk({ role: 'assistant', tool_calls: toolCalls });
      for (const word of answer.content?.match(/\S+\s*/g) ?? []) chunk({ content: word });
      chunk({}, finish);
      res.write(
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: request.model, choices: [], usage })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
