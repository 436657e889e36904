import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, streamText } from 'ai';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import { resolveModel } from '../resolve-model.js';
import { createCassetteFetch } from './cassette-fetch.js';

/** A tiny OpenAI-compatible backend: answers chat completions, streaming or not, and counts requests. */
function startBackend(): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests++;
      const request = JSON.parse(body) as { stream?: boolean; messages: { content: string }[] };
      const answer = `You said: ${request.messages.at(-1)?.content}`;
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'cmpl-1',
            object: 'chat.completion',
            created: 1,
            model: 'local-model',
            choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const word of answer.split(/(?<= )/)) {
        const chunk = {
          id: 'c',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'local-model',
          choices: [{ index: 0, delta: { content: word }, finish_reason: null }],
        };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
      const last = {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'local-model',
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
      };
      res.end(`data: ${JSON.stringify(last)}\n\ndata: [DONE]\n\n`);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        requests: () => requests,
      }),
    ),
  );
}

const folder = mkdtempSync(join(tmpdir(), 'gantry-cassette-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('record/replay cassettes', () => {
  it('records real traffic without the API key and replays it with the backend stopped', async () => {
    const file = join(folder, 'chat.jsonl');
    const backend = await startBackend();
    const config = (url: string) =>
      parseConfig({
        providers: { local: { type: 'openai-compatible', baseURL: url, apiKey: 'sk-secret-key-123' } },
      });

    const recorder = resolveModel('local:local-model', {
      config: config(backend.url),
      fetch: createCassetteFetch({ file, mode: 'record' }),
    });
    const recorded = await generateText({ model: recorder, prompt: 'hello' });
    const recordedStream = streamText({ model: recorder, prompt: 'stream please' });
    const recordedStreamText = await recordedStream.text;
    expect(recorded.text).toBe('You said: hello');
    expect(recordedStreamText).toBe('You said: stream please');
    expect(backend.requests()).toBe(2);
    await new Promise((resolve) => backend.server.close(resolve));

    const text = readFileSync(file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).not.toContain('sk-secret-key-123');
    expect(text).not.toContain('authorization');

    // Replay on another (dead) port: the host is not part of the request's identity.
    const replayer = resolveModel('local:local-model', {
      config: config('http://127.0.0.1:9/v1'),
      fetch: createCassetteFetch({ file, mode: 'replay' }),
    });
    const replayed = await generateText({ model: replayer, prompt: 'hello' });
    expect(replayed.text).toBe(recorded.text);
    expect(replayed.usage.inputTokens).toBe(5);
    const deltas: string[] = [];
    for await (const delta of streamText({ model: replayer, prompt: 'stream please' }).textStream)
      deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(recordedStreamText);

    // A request that was never recorded fails loudly instead of reaching the network.
    const miss = await generateText({ model: replayer, prompt: 'something new', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(String((miss as Error).message)).toMatch(
      /No recording in .*chat\.jsonl for POST \/v1\/chat\/completions/,
    );
  });

  it('rejects a corrupt cassette file with its line number', () => {
    const file = join(folder, 'bad.jsonl');
    writeFileSync(file, '{"version":1,"hash":"a","response":{"body":"x"}}\nnot json\n');
    expect(() => createCassetteFetch({ file, mode: 'replay' })).toThrow(/line 2, is not valid JSON/);
    expect(() => createCassetteFetch({ file: join(folder, 'missing.jsonl'), mode: 'replay' })).toThrow(
      /does not exist/,
    );
  });
});
