import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BucketHistogram } from './bucket-histogram.js';

describe('BucketHistogram', () => {
  it('renders and reports exactly what prom-client’s Histogram does', async () => {
    const buckets = [0.001, 0.01, 0.1, 1];
    const ours = new Registry();
    const theirs = new Registry();
    const a = new BucketHistogram('h_seconds', 'A histogram.', ['model', 'endpoint'], buckets, ours);
    const b = new Histogram({
      name: 'h_seconds',
      help: 'A histogram.',
      labelNames: ['model', 'endpoint'],
      buckets,
      registers: [theirs],
    });
    const plainA = new BucketHistogram('p_seconds', 'No labels.', [], buckets, ours);
    const plainB = new Histogram({ name: 'p_seconds', help: 'No labels.', buckets, registers: [theirs] });
    a.labels('unused', 'chat');
    for (const [model, value] of [
      ['m', 0.0005],
      ['m', 0.001],
      ['m', 0.05],
      ['n', 2],
      ['m', 1],
      ['n', 0.01],
    ] as const) {
      a.labels(model, 'chat').observe(value);
      b.labels(model, 'chat').observe(value);
      plainA.observe(value);
      plainB.observe(value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
    expect(() => a.labels('m', 'chat').observe(Number.NaN)).toThrow(TypeError);
    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
