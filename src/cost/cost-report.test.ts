import { describe, expect, it } from 'vitest';
import type { GatewayUsageRecord } from '../store/index.js';
import { buildCostReport, parseReportTime } from './cost-report.js';

const row = (patch: Partial<GatewayUsageRecord>): GatewayUsageRecord => ({
  keyId: 'k1',
  model: 'auto',
  route: 'cheap',
  upstream: 'u',
  endpoint: 'chat',
  status: 200,
  stream: false,
  cached: false,
  inputTokens: 10,
  outputTokens: 5,
  costUsd: 0.001,
  usageSource: 'upstream',
  durationMs: 5,
  createdAt: 1_000,
  ...patch,
});

describe('buildCostReport', () => {
  const records = [
    row({}),
    row({ route: 'big', costUsd: 0.01 }),
    row({ route: 'cheap' }),
    row({ cached: true, costUsd: 0 }),
    row({ model: 'plain', route: 'plain', keyId: null, costUsd: 0.002 }),
    row({ createdAt: 99_000, costUsd: 5 }),
  ];

  it('totals spend by key, model and route inside the window', () => {
    const report = buildCostReport(records, { since: 0, until: 50_000 });
    expect(report.rows).toBe(5);
    expect(report.total.costUsd).toBeCloseTo(0.014, 10);
    expect(report.byModel.map((l) => [l.name, l.requests])).toEqual([
      ['auto', 4],
      ['plain', 1],
    ]);
    expect(report.byKey.find((l) => l.name === '(anonymous)')?.costUsd).toBeCloseTo(0.002, 10);
    expect(report.byRoute[0]).toMatchObject({ name: 'big', requests: 1 });
  });

  it('estimates cache savings at the mean cost of the alias and lists router decisions', () => {
    const report = buildCostReport(records, { until: 50_000 });
    expect(report.cache.hits).toBe(1);
    expect(report.cache.savedUsd).toBeCloseTo(0.012 / 3, 10);
    expect(report.routerDecisions).toEqual([
      { alias: 'auto', route: 'cheap', requests: 2, share: 2 / 3, costUsd: 0.002 },
      { alias: 'auto', route: 'big', requests: 1, share: 1 / 3, costUsd: 0.01 },
    ]);
  });
});

describe('parseReportTime', () => {
  it('reads durations before now and ISO dates, and refuses anything else', () => {
    expect(parseReportTime('24h', 100 * 3_600_000)).toBe(76 * 3_600_000);
    expect(parseReportTime('2026-12-01T00:00:00Z')).toBe(Date.UTC(2026, 11, 1));
    expect(() => parseReportTime('yesterday')).toThrow(
      expect.objectContaining({ code: 'COST_REPORT_WINDOW_INVALID' }),
    );
  });
});
