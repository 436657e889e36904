// Against the built-in simulator on a real socket: its TTFT, ITL and output length are configured, so
// the measured metrics have known values. Timers never fire early, so the lower bound is tight (2 ms);
// the upper bound allows for a loaded machine (this one: 2 cores, load average up to ~19), where timers
// fire tens of ms late. The exact arithmetic is checked in closed form in calculate-metrics.test.ts, and
// the tight numbers on a quiet run are in docs/benchmarks.md (bench/backend).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../gateway/index.js';
import { htmlReport } from './html-report.js';
import { syntheticPrompts } from './prompts.js';
import { runLoad } from './run-load.js';

const ttft = 60;
const itl = 15;
const tokens = 8;
let simulator: Simulator;
let url: string;

beforeAll(async () => {
  simulator = createSimulator({ timeToFirstTokenMs: ttft, interTokenLatencyMs: itl, outputTokens: tokens });
  url = await simulator.listen(0, '127.0.0.1');
});
afterAll(() => simulator.close());

const within = (measured: number, expected: number) => {
  expect(measured).toBeGreaterThanOrEqual(expected - 2);
  expect(measured).toBeLessThanOrEqual(expected * 1.5 + 20);
};

describe('runLoad against the simulator', () => {
  it('measures the configured TTFT, TPOT, ITL and E2EL', async () => {
    const result = await runLoad(
      { label: 'sim', url, model: 'm' },
      { arrival: { kind: 'concurrency', concurrency: 4 }, prompts: syntheticPrompts(16, 32, 64), warmup: 1 },
    );
    const m = result.metrics;
    expect(m.completed).toBe(16);
    expect(m.failed).toBe(0);
    expect(m.totalOutputTokens).toBe(16 * tokens);
    if (process.platform === 'linux') expect(result.generator?.cpuMs).toBeGreaterThan(0);
    within(m.ttftMs.p50, ttft);
    within(m.tpotMs.p50, itl);
    within(m.itlMs.p50, itl);
    within(m.e2elMs.p50, ttft + (tokens - 1) * itl);
    expect(m.itlMs.count).toBe(16 * (tokens - 1));
    // Four in flight, each ~165 ms: about 24 requests per second at best.
    expect(m.requestThroughput).toBeGreaterThan(8);
    expect(m.requestThroughput).toBeLessThan(4 / ((ttft + (tokens - 1) * itl) / 1000) + 0.5);
  });

  it('keeps an open-loop constant rate and counts goodput against SLOs', async () => {
    const result = await runLoad(
      { label: 'sim', url, model: 'm' },
      {
        arrival: { kind: 'constant', rate: 40 },
        prompts: syntheticPrompts(20, 8, 64),
        slo: { ttftMs: ttft * 3, tpotMs: itl * 3 },
      },
    );
    // 20 requests at 40/s: sent over ~475 ms, the last finishes ~165 ms later.
    expect(result.records[19].sentAtMs).toBeGreaterThan(440);
    expect(result.records[19].sentAtMs).toBeLessThan(800);
    expect(result.metrics.goodRequests).toBe(20);
    const strict = await runLoad(
      { label: 'sim', url, model: 'm' },
      { arrival: { kind: 'burst' }, prompts: syntheticPrompts(5, 8, 64), slo: { ttftMs: ttft / 2 } },
    );
    expect(strict.metrics.goodRequests).toBe(0);
  });

  it('records HTTP errors as failures and renders an HTML report with a chart', async () => {
    const result = await runLoad(
      { label: 'nowhere', url: 'http://127.0.0.1:1/v1', model: 'm' },
      { arrival: { kind: 'burst' }, prompts: syntheticPrompts(3, 4, 4) },
    );
    expect(result.metrics.failed).toBe(3);
    expect(result.metrics.errors[0]).toMatch(/ECONNREFUSED/);
    const html = htmlReport([result]);
    expect(html).toContain('<svg');
    expect(html).toContain('nowhere');
  });
});
