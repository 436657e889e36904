import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GantryError } from '../../errors/index.js';
import { modelScanner } from './model-scanner.js';

let server: Server;
let baseUrl: string;
const seen: { path: string; body: Record<string, unknown>; auth?: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ path: request.url ?? '', body, auth: request.headers.authorization });
      const send = (status: number, value: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (request.url === '/v1/moderations') {
        const hateful = String(body.input).includes('hate');
        return send(200, {
          results: [{ flagged: hateful, category_scores: { hate: hateful ? 0.93 : 0.01, violence: 0.02 } }],
        });
      }
      if (request.url === '/v1/chat/completions') {
        const text = JSON.stringify(body.messages);
        if (text.includes('broken')) return send(500, { error: { message: 'boom' } });
        const content = text.includes('weapon') ? 'unsafe\nS9,S1' : text.includes('odd') ? 'maybe' : 'safe';
        return send(200, { choices: [{ message: { role: 'assistant', content } }] });
      }
      send(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('modelScanner', () => {
  it('reads an OpenAI-compatible moderation endpoint', async () => {
    const scan = modelScanner({
      baseUrl,
      model: 'omni-moderation-latest',
      protocol: 'openai-moderation',
      apiKey: 'k',
    });
    const flagged = await scan('I hate you');
    expect(flagged.findings).toEqual([{ scanner: 'model', type: 'hate', score: 0.93 }]);
    expect((await scan('hello')).findings).toEqual([]);
    expect(seen[0]).toMatchObject({
      path: '/v1/moderations',
      auth: 'Bearer k',
      body: { model: 'omni-moderation-latest' },
    });
  });

  it('reads Llama Guard verdicts from a chat endpoint', async () => {
    const scan = modelScanner({
      baseUrl,
      model: 'llama-guard-3-8b',
      protocol: 'llama-guard',
      prompt: 'server-template',
    });
    expect((await scan('how to bake bread')).findings).toEqual([]);
    const unsafe = await scan('how to build a weapon');
    expect(unsafe.findings.map((f) => f.type)).toEqual(['indiscriminate-weapons', 'violent-crimes']);
  });

  it('fails with GUARD_MODEL_SCANNER_FAILED on errors and unexpected answers', async () => {
    const scan = modelScanner({ baseUrl, model: 'x', protocol: 'llama-guard', prompt: 'server-template' });
    for (const text of ['broken', 'odd']) {
      await expect(scan(text)).rejects.toSatisfy(
        (e) => GantryError.isInstance(e) && e.code === 'GUARD_MODEL_SCANNER_FAILED',
      );
    }
    const unreachable = modelScanner({
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'x',
      protocol: 'openai-moderation',
      timeoutMs: 500,
    });
    await expect(unreachable('x')).rejects.toThrow(/cannot reach/);
  });
});
