import { describe, expect, it } from 'vitest';
import { calculateMetrics } from './calculate-metrics.js';
import type { RequestRecord } from './request-record.js';

const record = (ttft: number, itl: number[], outputTokens = itl.length + 1): RequestRecord => ({
  ok: true,
  sentAtMs: 0,
  ttftMs: ttft,
  itlMs: itl,
  latencyMs: ttft + itl.reduce((a, b) => a + b, 0),
  outputTokens,
  promptTokens: 10,
  usageReported: true,
});

describe('calculateMetrics (vLLM definitions)', () => {
  it('computes TPOT from latency and output tokens, ITL per chunk, throughput over the duration', () => {
    // Two chunks of 2 tokens each after the first: ITL counts chunks, TPOT counts tokens.
    const a = record(100, [20, 20], 5);
    const b = record(200, [10], 2);
    const m = calculateMetrics([a, b], 2_000);
    expect(m.completed).toBe(2);
    expect(m.ttftMs.mean).toBe(150);
    expect(m.tpotMs.count).toBe(2);
    expect(m.tpotMs.p50).toBe((40 / 4 + 10 / 1) / 2);
    expect(m.itlMs.count).toBe(3);
    expect(m.e2elMs.max).toBe(210);
    expect(m.requestThroughput).toBe(1);
    expect(m.outputThroughput).toBe(3.5);
    expect(m.totalTokenThroughput).toBe(13.5);
  });

  it('leaves one-token answers out of TPOT and counts failures apart', () => {
    const m = calculateMetrics(
      [record(50, [], 1), { ...record(1, []), ok: false, error: 'HTTP 500' }],
      1_000,
    );
    expect(m.tpotMs.count).toBe(0);
    expect(m.completed).toBe(1);
    expect(m.failed).toBe(1);
    expect(m.errors).toEqual(['HTTP 500']);
  });

  it('counts goodput only for requests that meet every SLO', () => {
    const records = [record(100, [10, 10]), record(300, [10, 10]), record(100, [50, 50])];
    const m = calculateMetrics(records, 1_000, { ttftMs: 200, tpotMs: 20 });
    expect(m.goodRequests).toBe(1);
    expect(m.requestGoodput).toBe(1);
    expect(calculateMetrics(records, 1_000).requestGoodput).toBeUndefined();
  });
});
