// A loopback fake of OpenAI's own API for the pass-through tests: POST /responses (whole or streamed,
// with the full event sequence), /images/generations and /images/edits, /audio/speech (binary), /audio/transcriptions
// and /audio/translations (multipart). It records every request as received: path, headers, the JSON
// body or the multipart fields and file bytes.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: recorded bodies are arbitrary JSON
  body: Record<string, any>;
  file?: { name: string; type: string; bytes: Buffer };
}

export interface FakeOpenAI {
  url: string;
  requests: RecordedRequest[];
  /** The events of each streamed response, as sent. */
  streams: Record<string, unknown>[][];
  /** The audio bytes /audio/speech answers with. */
  speech: Buffer;
  close(): Promise<void>;
}

export async function startFakeOpenAI(name: string): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const streams: Record<string, unknown>[][] = [];
  const speech = Buffer.alloc(150_000);
  for (let i = 0; i < speech.length; i++) speech[i] = (i * 31 + 7) % 251;
  let counter = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const path = (req.url ?? '').replace(/^\/v1/, '');
      const recorded: RecordedRequest = { path, headers: req.headers, body: {} };
      if (String(req.headers['content-type']).startsWith('multipart/')) {
        const form = await new Response(raw, {
          headers: { 'content-type': String(req.headers['content-type']) },
        }).formData();
        for (const [field, value] of form) {
          if (typeof value === 'string') recorded.body[field] = value;
          else
            recorded.file = {
              name: value.name,
              type: value.type,
              bytes: Buffer.from(await value.arrayBuffer()),
            };
        }
      } else recorded.body = JSON.parse(raw.toString());
      requests.push(recorded);
      const body = recorded.body;
      if (path === '/responses') {
        counter++;
        const response = responseOf(`resp_${name}_${counter}`, body);
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const events = eventsOf(response);
          streams.push(events);
          for (const event of events) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          res.end();
        } else json(res, response);
      } else if (path === '/images/generations') {
        json(res, {
          created: 1_700_000_000,
          data: [{ b64_json: Buffer.from(`image of ${body.prompt}`).toString('base64') }],
          usage: { input_tokens: 9, output_tokens: 272, total_tokens: 281 },
        });
      } else if (path === '/images/edits') {
        json(res, {
          created: 1_700_000_000,
          data: [{ b64_json: Buffer.from(`edit of ${recorded.file?.name}`).toString('base64') }],
        });
      } else if (path === '/audio/speech') {
        res.writeHead(200, { 'content-type': 'audio/mpeg' });
        // In several writes, as a real server streams audio.
        for (let at = 0; at < speech.length; at += 40_000) res.write(speech.subarray(at, at + 40_000));
        res.end();
      } else if (path === '/audio/transcriptions' && body.stream === 'true') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const delta of ['heard ', 'a ', 'stream'])
          res.write(`data: ${JSON.stringify({ type: 'transcript.text.delta', delta, logprobs: [] })}\n\n`);
        const usage = { type: 'tokens', input_tokens: 14, output_tokens: 3, total_tokens: 17 };
        res.end(
          `data: ${JSON.stringify({ type: 'transcript.text.done', text: 'heard a stream', usage })}\n\n`,
        );
      } else if (path === '/audio/transcriptions' || path === '/audio/translations') {
        json(res, {
          text: `heard ${recorded.file?.bytes.length ?? 0} bytes`,
          usage: { type: 'tokens', input_tokens: 14, output_tokens: 4, total_tokens: 18 },
        });
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no ${path}`, type: 'invalid_request_error' } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    streams,
    speech,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function json(res: import('node:http').ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
function responseOf(id: string, body: Record<string, any>) {
  const items = Array.isArray(body.input) ? body.input.length : 1;
  const text = `native ${id} prev=${body.previous_response_id ?? 'none'} items=${items}`;
  return {
    id,
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model: body.model,
    output: [
      {
        type: 'message',
        id: `msg_${id}`,
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
      },
    ],
    parallel_tool_calls: true,
    previous_response_id: body.previous_response_id ?? null,
    store: body.store !== false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: body.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: {
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 2 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 17,
    },
    metadata: {},
  };
}

function eventsOf(response: ReturnType<typeof responseOf>): Record<string, unknown>[] {
  const item = response.output[0];
  const text = item.content[0].text;
  const pending = { ...response, status: 'in_progress', output: [], usage: null };
  const words = text.match(/\S+\s*/g) ?? [];
  const events: Record<string, unknown>[] = [
    { type: 'response.created', response: pending },
    { type: 'response.in_progress', response: pending },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...item, status: 'in_progress', content: [] },
    },
    {
      type: 'response.content_part.added',
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    },
    ...words.map((delta) => ({
      type: 'response.output_text.delta',
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
    })),
    {
      type: 'response.output_text.done',
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      text,
      logprobs: [],
    },
    {
      type: 'response.content_part.done',
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text, annotations: [] },
    },
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response },
  ];
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}
