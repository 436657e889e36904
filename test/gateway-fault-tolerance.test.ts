// With target A failing (5xx, resets, timeouts, cut streams) and target B healthy, at least
// 99.9 % of 10,000 client requests succeed, streamed answers complete and intact.
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let a: Simulator;
let b: Simulator;
let harness: Harness;

beforeAll(async () => {
  a = await startSimulator({
    outputTokens: 4,
    faults: { '500': 0.15, '503': 0.05, reset: 0.1, timeout: 0.1, cut: 0.1 },
  });
  b = await startSimulator({ outputTokens: 4 });
  harness = await startGateway({
    gateway: {
      upstreams: { a: { baseURL: a.baseURL, timeoutMs: 250 }, b: { baseURL: b.baseURL, timeoutMs: 5_000 } },
      // A first on purpose: every request would go to the failing target if the gateway let it.
      routes: {
        m: { strategy: 'round-robin', targets: [{ upstream: 'a' }, { upstream: 'b' }], maxAttempts: 3 },
      },
      breaker: { failureThreshold: 5, openMs: 2_000 },
    },
  });
});

afterAll(async () => {
  await harness.close();
  await a.close();
  await b.close();
});

describe('fault tolerance', () => {
  it('serves at least 99.9 % of 10,000 requests while one of two targets fails', {
    timeout: 120_000,
  }, async () => {
    const pool = new Pool(harness.url, { connections: 32 });
    const total = 10_000;
    let next = 0;
    let ok = 0;
    const failures: string[] = [];
    const expected = ' w0 w1 w2 w3';
    async function one(i: number): Promise<void> {
      const stream = i % 5 === 0;
      const { statusCode, body } = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `q${i}` }], stream }),
      });
      const text = await body.text();
      if (statusCode !== 200) return void failures.push(`${statusCode} ${text.slice(0, 120)}`);
      if (!stream) {
        const content = JSON.parse(text).choices[0].message.content;
        return content === expected ? void ok++ : void failures.push(`bad content ${content}`);
      }
      let content = '';
      for (const line of text.split('\n')) {
        if (!line.startsWith('data: {')) continue;
        const chunk = JSON.parse(line.slice(6));
        if (chunk.error) return void failures.push(`stream error ${chunk.error.message.slice(0, 80)}`);
        content += chunk.choices[0]?.delta?.content ?? '';
      }
      if (content === expected && text.trimEnd().endsWith('data: [DONE]')) ok++;
      else failures.push(`bad stream ${content}`);
    }
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < total) await one(next++).catch((error) => failures.push(String(error)));
      }),
    );
    await pool.close();
    const rate = ok / total;
    console.log(
      `fault tolerance: ${ok}/${total} ok (${(rate * 100).toFixed(2)} %), A saw ${a.stats.requests} requests, faults ${JSON.stringify(a.stats.faults)}; failures: ${failures.slice(0, 5).join(' | ')}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.999);
    // The breaker kept most traffic away from A.
    expect(a.stats.requests).toBeLessThan(total / 4);
  });
});
