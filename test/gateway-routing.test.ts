// Routing strategies, fallback on each failure kind, Retry-After, and the circuit breaker.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreaker, createStrategy, type RouteTarget, type Simulator } from '../src/gateway/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function sims(n: number, options = {}): Promise<Simulator[]> {
  const list = await Promise.all(
    Array.from({ length: n }, () => startSimulator({ outputTokens: 2, ...options })),
  );
  open.push(...list);
  return list;
}

async function gatewayFor(
  simulators: Simulator[],
  route: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<Harness> {
  const upstreams = Object.fromEntries(
    simulators.map((s, i) => [`u${i}`, { baseURL: s.baseURL, timeoutMs: 300 }]),
  );
  const harness = await startGateway({
    gateway: {
      upstreams,
      routes: { m: { targets: simulators.map((_, i) => ({ upstream: `u${i}`, model: `t${i}` })), ...route } },
      ...extra,
    },
  });
  open.unshift(harness);
  return harness;
}

const ask = (h: Harness, headers: Record<string, string> = {}) =>
  new OpenAI({
    baseURL: h.baseURL,
    apiKey: 'x',
    maxRetries: 0,
    defaultHeaders: headers,
  }).chat.completions.create({
    model: 'm',
    messages: [{ role: 'user', content: 'q' }],
  });

function fakeTarget(id: string, patch: Partial<RouteTarget> = {}): RouteTarget {
  return {
    id,
    upstream: {} as RouteTarget['upstream'],
    model: id,
    weight: 1,
    timeoutMs: 1000,
    breaker: new CircuitBreaker(),
    outstanding: 0,
    latencyEwmaMs: 0,
    ...patch,
  };
}

describe('routing strategies', () => {
  it('weighted: splits traffic in proportion to weights', async () => {
    const [a, b] = await sims(2);
    const h = await gatewayFor([a, b], {
      strategy: 'weighted',
      targets: [
        { upstream: 'u0', weight: 3 },
        { upstream: 'u1', weight: 1 },
      ],
    });
    for (let i = 0; i < 200; i++) await ask(h);
    expect(a.stats.requests + b.stats.requests).toBe(200);
    expect(a.stats.requests / 200).toBeGreaterThan(0.62);
    expect(a.stats.requests / 200).toBeLessThan(0.88);
  });

  it('round-robin: alternates exactly', async () => {
    const [a, b, c] = await sims(3);
    const h = await gatewayFor([a, b, c], { strategy: 'round-robin' });
    for (let i = 0; i < 30; i++) await ask(h);
    expect([a.stats.requests, b.stats.requests, c.stats.requests]).toEqual([10, 10, 10]);
  });

  it('least-outstanding: prefers the target with the fewest requests in flight', () => {
    const order = createStrategy('least-outstanding');
    const busy = fakeTarget('busy', { outstanding: 5 });
    const idle = fakeTarget('idle', { outstanding: 0 });
    for (let i = 0; i < 20; i++) expect(order([busy, idle])[0].id).toBe('idle');
  });

  it('least-outstanding: a slow backend receives less of concurrent traffic', async () => {
    const [fast] = await sims(1);
    const [slow] = await sims(1, { timeToFirstTokenMs: 60 });
    const h = await gatewayFor([fast, slow], { strategy: 'least-outstanding' });
    await Promise.all(Array.from({ length: 60 }, () => ask(h)));
    expect(fast.stats.requests).toBeGreaterThan(slow.stats.requests);
  });

  it('lowest-latency: power of two choices moves traffic to the faster backend', async () => {
    const [fast] = await sims(1);
    const [slow] = await sims(1, { timeToFirstTokenMs: 80 });
    const h = await gatewayFor([fast, slow], { strategy: 'lowest-latency' });
    for (let i = 0; i < 40; i++) await ask(h);
    expect(fast.stats.requests).toBeGreaterThanOrEqual(32);
    const pick = createStrategy('lowest-latency', { random: () => 0.1 });
    expect(pick([fakeTarget('a', { latencyEwmaMs: 50 }), fakeTarget('b', { latencyEwmaMs: 5 })])[0].id).toBe(
      'b',
    );
  });
});

describe('fallback', () => {
  for (const fault of ['500', '503', '429', 'reset', 'timeout', 'cut'] as const) {
    it(`falls back to the next target on ${fault}`, async () => {
      const [a, b] = await sims(2);
      a.configure({ outputTokens: 2, faults: { [fault]: 1 }, retryAfterSeconds: 0 });
      const h = await gatewayFor([a, b], { strategy: 'fallback', maxAttempts: 2 });
      const completion = await ask(h);
      expect(completion.choices[0].message.content).toBe(' w0 w1');
      expect(a.stats.requests).toBe(1);
      expect(b.stats.requests).toBe(1);
    });
  }

  it('passes a non-retriable upstream error (400) through without fallback', async () => {
    const [a, b] = await sims(2);
    a.configure({ faults: { '400': 1 } });
    const h = await gatewayFor([a, b], { strategy: 'fallback' });
    const error = await ask(h).catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.message).toContain('simulated invalid request');
    expect(b.stats.requests).toBe(0);
  });

  it('retries the same target after the Retry-After it sent', async () => {
    const [a] = await sims(1);
    a.configure({ outputTokens: 2, faults: { '429': 1 }, retryAfterSeconds: 0.2 });
    const h = await gatewayFor([a], { maxAttempts: 2, backoffBaseMs: 1 });
    // The fault stops once the first request has had its 429 (not after a fixed delay: on a busy machine
    // the first request can arrive later than any delay), well before the 200 ms Retry-After ends.
    const heal = setInterval(() => {
      if ((a.stats.faults['429'] ?? 0) < 1) return;
      a.configure({ outputTokens: 2 });
      clearInterval(heal);
    }, 2);
    const started = Date.now();
    await ask(h).finally(() => clearInterval(heal));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(a.stats.requests).toBe(2);
  });

  it('answers 502 with an OpenAI error when every target fails', async () => {
    const [a, b] = await sims(2, { faults: { '500': 1 } });
    const h = await gatewayFor([a, b], { maxAttempts: 2 });
    const error = await ask(h).catch((e) => e);
    expect(error.status).toBe(502);
    expect(error.code).toBe('GATEWAY_UPSTREAM_FAILED');
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, half-opens after openMs, closes on a good probe', () => {
    let now = 0;
    const breaker = new CircuitBreaker({
      failureThreshold: 3,
      openMs: 1000,
      closeAfterSuccesses: 2,
      now: () => now,
    });
    for (let i = 0; i < 3; i++) breaker.recordFailure(breaker.acquire());
    expect(breaker.state).toBe('open');
    expect(breaker.acquire()).toBe('reject');
    now = 1000;
    const probe = breaker.acquire();
    expect(probe).toBe('probe');
    expect(breaker.state).toBe('half-open');
    expect(breaker.acquire()).toBe('reject'); // one probe at a time
    breaker.recordFailure(probe);
    expect(breaker.state).toBe('open');
    now = 2000;
    breaker.recordSuccess(breaker.acquire());
    expect(breaker.state).toBe('half-open'); // one good probe is not enough
    breaker.recordSuccess(breaker.acquire());
    expect(breaker.state).toBe('closed');
  });

  it('opens on a high failure rate even without a run of consecutive failures', () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 5,
      failureRateThreshold: 0.5,
      windowSize: 10,
      minimumRequests: 10,
    });
    for (let i = 0; i < 9; i++) {
      if (i % 2 === 0) breaker.recordFailure(breaker.acquire());
      else breaker.recordSuccess(breaker.acquire());
    }
    expect(breaker.state).toBe('closed');
    breaker.recordFailure(breaker.acquire()); // 6 failures of 10
    expect(breaker.state).toBe('open');
  });

  it('stops sending to a failing target, then recovers it', async () => {
    const [a, b] = await sims(2);
    a.configure({ outputTokens: 2, faults: { '500': 1 } });
    const h = await gatewayFor(
      [a, b],
      { strategy: 'fallback' },
      // openMs leaves room for ten requests on a loaded machine (it was 300 ms and flaked under load).
      { breaker: { failureThreshold: 3, openMs: 2_000, closeAfterSuccesses: 1 } },
    );
    for (let i = 0; i < 10; i++) await ask(h);
    expect(a.stats.requests).toBe(3);
    expect(b.stats.requests).toBe(10);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/gantry_gateway_breaker_state\{target="u0\/t0"\} 2/);
    a.configure({ outputTokens: 2 });
    await new Promise((r) => setTimeout(r, 2_100));
    await ask(h);
    expect(a.stats.requests).toBe(4);
    const after = await (await fetch(`${h.url}/metrics`)).text();
    expect(after).toMatch(/gantry_gateway_breaker_state\{target="u0\/t0"\} 0/);
  });
});
