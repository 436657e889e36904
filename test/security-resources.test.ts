// Bounded resources before authentication (issue 12, High 2 and Medium 3): a flood of keyless or
// bad-key requests with random model names and random tokens must leave memory and /metrics within
// a fixed bound. On the code before the fix, every request's model name became a metrics series and a
// span (2,000 requests with 2 KB names made /metrics 104 MB) and every token was cached raw.
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function gateway(auth: { required: boolean }) {
  const simulator = await startSimulator({ outputTokens: 2 });
  open.push(simulator);
  const harness: Harness = await startGateway({
    gateway: {
      auth,
      upstreams: { sim: { baseURL: simulator.baseURL } },
      routes: { chat: { targets: [{ upstream: 'sim' }] } },
    },
    security: { unknownKeyCacheEntries: 1_000 },
  });
  open.push(harness);
  return harness;
}

/** Sends `count` chat requests, `concurrency` at a time, each with a random model and token. */
async function flood(url: string, count: number, { modelBytes = 2_048, tokenBytes = 6_000 } = {}) {
  const pool = new Pool(url, { connections: 16 });
  const statuses = new Map<number, number>();
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      const model = randomBytes(modelBytes / 2).toString('hex');
      const token = randomBytes(tokenBytes * 0.75).toString('base64url');
      const { statusCode, body } = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await body.dump();
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await pool.close();
  return statuses;
}

async function metricsSize(url: string): Promise<number> {
  return (await (await fetch(`${url}/metrics`)).text()).length;
}

describe('resources under an unauthenticated flood', () => {
  it('10,000 requests with random model names and tokens leave RSS and /metrics bounded', async () => {
    const { url } = await gateway({ required: true });
    // Warm up (code paths, pools), then measure.
    await flood(url, 500);
    const metricsBefore = await metricsSize(url);
    const rssBefore = process.memoryUsage().rss;

    const statuses = await flood(url, 10_000);
    expect(statuses.get(401)).toBe(10_000);

    const metricsAfter = await metricsSize(url);
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    // The fixed bound: one 'other' series (counts change, not the number of lines).
    expect(metricsAfter - metricsBefore).toBeLessThan(2_000);
    // 10,000 × (2 KB model + 6 KB token) would be ≥ 80 MB if any of it were kept.
    expect(rssGrowth).toBeLessThan(64 * 1024 * 1024);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('model="other"');
    expect(metrics.length).toBeLessThan(64 * 1024);
  }, 240_000);

  it('with auth off, unknown model names share the one "other" label', async () => {
    const { url } = await gateway({ required: false });
    await flood(url, 200);
    const before = await metricsSize(url);
    const statuses = await flood(url, 2_000, { tokenBytes: 32 });
    expect(statuses.get(404)).toBe(2_000);
    expect((await metricsSize(url)) - before).toBeLessThan(2_000);
  }, 120_000);
});
