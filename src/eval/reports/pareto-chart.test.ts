import { describe, expect, it } from 'vitest';
import { paretoChart } from './pareto-chart.js';

describe('paretoChart', () => {
  it('marks the points no other point beats on both cost and quality', () => {
    const svg = paretoChart('frontier', [
      { label: 'weak', cost: 0.1, quality: 0.6 },
      { label: 'dominated', cost: 0.5, quality: 0.55 },
      { label: 'cascade', cost: 0.4, quality: 0.82 },
      { label: 'strong', cost: 1, quality: 0.85 },
    ]);
    const frontier = [...svg.matchAll(/class="mark frontier"[^>]*><title>([^:]+):/g)].map((m) => m[1]);
    expect(frontier).toEqual(['weak', 'cascade', 'strong']);
    expect(svg).toContain('data-chart="pareto"');
    expect(svg.match(/<polyline points="([^"]+)"/)?.[1]?.split(' ')).toHaveLength(3);
  });
});

describe('toHtmlReport with a frontier', () => {
  it('draws the run with the other configurations on one Pareto chart', async () => {
    const { toHtmlReport } = await import('./html-report.js');
    const run = {
      runId: 'r1',
      name: 'gsm8k',
      target: 'auto',
      results: [],
      thresholds: {},
      summary: {
        examples: 10,
        trials: 1,
        errors: 0,
        passRate: 0.8,
        totalCost: 0.02,
        latencyMs: { p50: 1, p90: 1, p99: 1, mean: 1 },
        scorers: {},
      },
    } as unknown as Parameters<typeof toHtmlReport>[0];
    const html = toHtmlReport(run, undefined, {
      frontier: [{ label: 'strong only', cost: 0.01, quality: 0.85 }],
    });
    expect(html).toContain('data-chart="pareto"');
    expect(html).toContain('auto (this run): $0.00200, 80.0%');
    expect(toHtmlReport(run)).not.toContain('data-chart="pareto"');
  });
});
