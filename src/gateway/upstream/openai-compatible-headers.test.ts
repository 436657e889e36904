// The upstream's fixed headers and paths (made once per upstream, sent as a flat name/value list on
// the JSON path): a whole answer and a stream carry the same headers, to the same paths.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientAbort } from './client-abort.js';
import { createOpenAICompatibleUpstream } from './openai-compatible-upstream.js';
import type { Upstream } from './upstream.js';

let server: Server | undefined;
let upstream: Upstream | undefined;
const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];

afterEach(async () => {
  await upstream?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  upstream = undefined;
  seen.length = 0;
});

async function start(): Promise<string> {
  server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    req.resume();
    req.on('end', () => {
      if (req.url?.endsWith('/chat/completions') && req.headers['x-stream'] === undefined) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"choices":[{"message":{"content":"hi"}}]}');
      } else if (req.headers['x-stream'] !== undefined) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('data: {"choices":[{"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":[]}');
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('openai-compatible upstream headers and paths', () => {
  it('sends the content type, the key and the configured headers to each endpoint path', async () => {
    const url = await start();
    upstream = createOpenAICompatibleUpstream({
      name: 'up',
      baseURL: `${url}/base/v1/`,
      apiKey: 'sk-test',
      headers: { 'x-org': 'org-1', 'OpenAI-Project': 'p 2' },
    });
    const send = (endpoint: 'chat' | 'completions' | 'embeddings') =>
      upstream?.send({
        endpoint,
        body: { model: 'm' },
        bodyText: '{"model":"m"}',
        stream: false,
        signal: new ClientAbort(),
        timeoutMs: 60_000,
      });
    expect(await send('chat')).toEqual({
      kind: 'json',
      status: 200,
      text: '{"choices":[{"message":{"content":"hi"}}]}',
    });
    await send('completions');
    await send('embeddings');
    expect(seen.map((s) => s.url)).toEqual([
      '/base/v1/chat/completions',
      '/base/v1/completions',
      '/base/v1/embeddings',
    ]);
    for (const { headers } of seen) {
      expect(headers['content-type']).toBe('application/json');
      expect(headers.authorization).toBe('Bearer sk-test');
      expect(headers['x-org']).toBe('org-1');
      expect(headers['openai-project']).toBe('p 2');
      expect(headers['content-length']).toBe('13');
    }
  });

  it('sends the same headers on a streamed request', async () => {
    const url = await start();
    upstream = createOpenAICompatibleUpstream({
      name: 'up',
      baseURL: `${url}/v1`,
      apiKey: 'sk-test',
      headers: { 'x-org': 'org-1', 'x-stream': '1' },
    });
    const answer = await upstream.send({
      endpoint: 'chat',
      body: { model: 'm', stream: true },
      stream: true,
      signal: new ClientAbort(),
      timeoutMs: 60_000,
    });
    expect(answer.kind).toBe('stream');
    if (answer.kind === 'stream') for await (const _ of answer.chunks);
    expect(seen[0].url).toBe('/v1/chat/completions');
    expect(seen[0].headers.authorization).toBe('Bearer sk-test');
    expect(seen[0].headers['x-org']).toBe('org-1');
  });
});
