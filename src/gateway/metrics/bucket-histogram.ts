// A Prometheus histogram for the request path: observing is a bucket search and three additions
// on a series found once (prom-client's Histogram validates and hashes the labels on every
// observation, even through a cached child). It registers in a prom-client Registry and reports
// the same values in the same shape as prom-client's Histogram, so /metrics reads the same.
import type { Registry } from 'prom-client';

export interface BucketSeries {
  observe(value: number): void;
}

class Series implements BucketSeries {
  /** Observations per bucket (not cumulative); the last slot is +Inf only. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(
    readonly labels: Record<string, string>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }
  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
    this.count++;
  }
}

interface ValuePair {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
  metricName: string;
  exemplar?: null;
}

export class BucketHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly bounds: number[];
  private series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    buckets: readonly number[],
    registry: Registry,
  ) {
    this.bounds = [...buckets].sort((a, b) => a - b);
    registry.registerMetric(this as never);
  }

  /** The series for these label values (in labelNames order): look it up once, observe often. */
  labels(...values: string[]): BucketSeries {
    const key = values.join('\0');
    let series = this.series.get(key);
    if (!series) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => {
        labels[name] = values[i];
      });
      series = new Series(labels, this.bounds);
      this.series.set(key, series);
    }
    return series;
  }

  observe(value: number): void {
    this.labels().observe(value);
  }

  reset(): void {
    this.series = new Map();
  }

  /** What prom-client's Histogram.getForPromString returns: series observed at least once. */
  getForPromString() {
    const values: ValuePair[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const series of this.series.values()) {
      if (series.count === 0) continue;
      let acc = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        acc += series.counts[i];
        values.push({
          labels: { le: this.bounds[i] },
          sharedLabels: series.labels,
          value: acc,
          metricName: bucketName,
          exemplar: null,
        });
      }
      values.push(
        {
          labels: { le: '+Inf' },
          sharedLabels: series.labels,
          value: series.count,
          metricName: bucketName,
          exemplar: null,
        },
        { labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.name}_sum` },
        { labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_count` },
      );
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** What prom-client's Histogram.get returns: the same, with the labels of each value merged. */
  async get() {
    const data = this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ labels, sharedLabels, ...rest }) => ({
        ...rest,
        labels: { ...labels, ...sharedLabels },
      })),
    };
  }
}
