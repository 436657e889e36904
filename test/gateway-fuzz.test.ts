// Bad input never crashes the gateway: thousands of malformed requests (invalid JSON, wrong types,
// wrong content type, oversized and invalid UTF-8 bodies, unknown models, garbage bytes, slow
// clients), each answered with a 4xx OpenAI-style error, and then the server still serves.
import { connect } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type Harness, jsonOf, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let harness: Harness;

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 2 });
  harness = await startGateway({
    server: { bodyLimitBytes: 4096 },
    gateway: {
      upstreams: { sim: { baseURL: simulator.baseURL } },
      routes: { m: { targets: [{ upstream: 'sim' }] } },
    },
  });
});

afterAll(async () => {
  await harness.close();
  await simulator.close();
});

/** A small deterministic random source, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

type Case = { path: string; headers: Record<string, string>; body: Buffer | string };

function malformed(random: () => number): Case {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const path = pick(['/v1/chat/completions', '/v1/completions', '/v1/embeddings']);
  const json = { 'content-type': 'application/json' };
  const junkValue = () =>
    pick<unknown>([null, 42, -1e308, 'x', true, [], {}, [1, 'a'], { role: 1 }, '\u0000', 'é'.repeat(10)]);
  switch (Math.floor(random() * 10)) {
    case 0:
      return {
        path,
        headers: json,
        body: Buffer.from(
          Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)),
        ),
      };
    case 1:
      return { path, headers: json, body: '{"model": "m", "messages": [' };
    case 2:
      return {
        path,
        headers: {
          'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']),
        },
        body: 'model=m',
      };
    case 3:
      return {
        path,
        headers: json,
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(5000) }] }),
      };
    case 4:
      return {
        path,
        headers: json,
        body: Buffer.concat([
          Buffer.from('{"model":"m","messages":[{"role":"user","content":"'),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('"}]}'),
        ]),
      };
    case 5:
      return {
        path,
        headers: json,
        body: JSON.stringify({
          model: pick(['', 'nope', 'm ', 'M', '../m']),
          messages: [{ role: 'user', content: 'x' }],
          prompt: 'x',
          input: 'x',
        }),
      };
    case 6:
      return {
        path,
        headers: json,
        body: JSON.stringify({
          model: junkValue(),
          messages: junkValue(),
          prompt: undefined,
          stream: junkValue(),
        }),
      };
    case 7:
      return {
        path,
        headers: json,
        body: JSON.stringify(pick<unknown>([null, [], 'm', 7, [{ model: 'm' }]])),
      };
    case 8:
      return { path, headers: json, body: '['.repeat(2000) };
    default:
      return {
        path,
        headers: json,
        body: JSON.stringify({ model: 'm', messages: [{ content: 'no role' }], stream: 'yes' }),
      };
  }
}

describe('bad input', () => {
  it('answers 3,000 malformed requests with 4xx errors and keeps serving', { timeout: 120_000 }, async () => {
    const pool = new Pool(harness.url, { connections: 8 });
    const random = seeded(7);
    const statuses = new Map<number, number>();
    let badBodies = 0;
    for (let batch = 0; batch < 300; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const c = malformed(random);
          const { statusCode, body } = await pool.request({
            path: c.path,
            method: 'POST',
            headers: c.headers,
            body: c.body,
          });
          const text = await body.text();
          statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
          try {
            const parsed = JSON.parse(text);
            if (typeof parsed.error?.message !== 'string' || typeof parsed.error?.type !== 'string')
              badBodies++;
          } catch {
            badBodies++;
          }
        }),
      );
    }
    await pool.close();
    const summary = Object.fromEntries(statuses);
    expect(
      Object.keys(summary).every((s) => Number(s) >= 400 && Number(s) < 500),
      JSON.stringify(summary),
    ).toBe(true);
    expect(statuses.get(413)).toBeGreaterThan(0);
    expect(statuses.get(404)).toBeGreaterThan(0);
    expect(badBodies).toBe(0);
    const ok = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'still there?' }] }),
    });
    expect(ok.status).toBe(200);
  });

  it('drops garbage bytes that are not HTTP', async () => {
    const socket = connect((harness.server.address() as { port: number }).port, '127.0.0.1');
    socket.write('\u0000\u0001 NOT HTTP AT ALL\r\n\r\n');
    socket.resume(); // read, or the close is never seen
    await new Promise((resolve) => socket.on('close', resolve));
    expect((await fetch(`${harness.baseURL}/models`)).status).toBe(200);
  });

  it('closes a slow-loris client once the header timeout passes', async () => {
    const own = await startGateway({
      gateway: {
        upstreams: { sim: { baseURL: simulator.baseURL } },
        routes: { m: { targets: [{ upstream: 'sim' }] } },
      },
    });
    const started = Date.now();
    const slow = connect((own.server.address() as { port: number }).port, '127.0.0.1');
    slow.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n'); // headers never finish
    slow.resume();
    await new Promise((resolve) => slow.on('close', resolve));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await fetch(`${own.baseURL}/models`)).status).toBe(200);
    await own.close();
  });

  it('refuses an oversized body from Content-Length before reading it', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(100_000),
    });
    expect(response.status).toBe(413);
    expect((await jsonOf(response)).error.code).toBe('REQUEST_TOO_LARGE');
  });
});
