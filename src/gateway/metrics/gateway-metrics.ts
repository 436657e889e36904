// Prometheus metrics of the gateway, in a registry of its own (several gateways can live in one
// process, as in tests). Label children are cached because prom-client hashes labels on each call.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from '../routing/circuit-breaker.js';

export interface GatewayMetrics {
  readonly registry: Registry;
  requestStarted(): void;
  requestEnded(
    model: string,
    endpoint: string,
    status: number,
    seconds: number,
    overheadSeconds: number,
  ): void;
  timeToFirstToken(model: string, seconds: number): void;
  interToken(model: string, seconds: number): void;
  tokens(model: string, input: number, output: number): void;
  cost(model: string, usd: number): void;
  cache(model: string, hit: boolean): void;
  upstreamError(upstream: string, kind: string): void;
  breakerState(target: string, state: BreakerState): void;
  limited(limit: string): void;
  render(): Promise<string>;
  readonly contentType: string;
}

const latencyBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];
const overheadBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];
const breakerValue: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'gantry_gateway_requests_total',
    help: 'Requests answered, by model, endpoint and status.',
    labelNames: ['model', 'endpoint', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gantry_gateway_request_duration_seconds',
    help: 'Time from request to the end of the answer.',
    labelNames: ['model', 'endpoint'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const overhead = new Histogram({
    name: 'gantry_gateway_overhead_seconds',
    help: 'Time spent in the gateway itself (total minus time waiting on the upstream).',
    buckets: overheadBuckets,
    registers: [registry],
  });
  const ttft = new Histogram({
    name: 'gantry_gateway_time_to_first_token_seconds',
    help: 'Time to the first streamed token.',
    labelNames: ['model'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const itl = new Histogram({
    name: 'gantry_gateway_inter_token_seconds',
    help: 'Gap between streamed chunks.',
    labelNames: ['model'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'gantry_gateway_tokens_total',
    help: 'Tokens, by model and type (input, output).',
    labelNames: ['model', 'type'],
    registers: [registry],
  });
  const cost = new Counter({
    name: 'gantry_gateway_cost_usd_total',
    help: 'Spend in US dollars, priced from the model price table.',
    labelNames: ['model'],
    registers: [registry],
  });
  const cacheCounter = new Counter({
    name: 'gantry_gateway_cache_requests_total',
    help: 'Cache lookups, by result (hit, miss).',
    labelNames: ['model', 'result'],
    registers: [registry],
  });
  const upstreamErrors = new Counter({
    name: 'gantry_gateway_upstream_errors_total',
    help: 'Failed upstream attempts, by upstream and kind.',
    labelNames: ['upstream', 'kind'],
    registers: [registry],
  });
  const breakers = new Gauge({
    name: 'gantry_gateway_breaker_state',
    help: 'Circuit breaker per target: 0 closed, 1 half-open, 2 open.',
    labelNames: ['target'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'gantry_gateway_in_flight_requests',
    help: 'Requests being served.',
    registers: [registry],
  });
  const limitedCounter = new Counter({
    name: 'gantry_gateway_limited_total',
    help: 'Requests refused by a per-key limit.',
    labelNames: ['limit'],
    registers: [registry],
  });

  const children = new Map<string, { inc(v?: number): void; observe?(v: number): void }>();
  function child<T>(cacheName: string, make: () => T): T {
    let value = children.get(cacheName) as T | undefined;
    if (!value) {
      value = make();
      children.set(cacheName, value as never);
    }
    return value;
  }
  let inFlightCount = 0;

  return {
    registry,
    contentType: registry.contentType,
    requestStarted() {
      inFlight.set(++inFlightCount);
    },
    requestEnded(model, endpoint, status, seconds, overheadSeconds) {
      inFlight.set(--inFlightCount);
      child(`r${model}\0${endpoint}\0${status}`, () =>
        requests.labels(model, endpoint, String(status)),
      ).inc();
      child(`d${model}\0${endpoint}`, () => duration.labels(model, endpoint)).observe(seconds);
      overhead.observe(overheadSeconds);
    },
    timeToFirstToken(model, seconds) {
      child(`t${model}`, () => ttft.labels(model)).observe(seconds);
    },
    interToken(model, seconds) {
      child(`i${model}`, () => itl.labels(model)).observe(seconds);
    },
    tokens(model, input, output) {
      if (input > 0) child(`ti${model}`, () => tokens.labels(model, 'input')).inc(input);
      if (output > 0) child(`to${model}`, () => tokens.labels(model, 'output')).inc(output);
    },
    cost(model, usd) {
      if (usd > 0) child(`c${model}`, () => cost.labels(model)).inc(usd);
    },
    cache(model, hit) {
      child(`k${model}\0${hit}`, () => cacheCounter.labels(model, hit ? 'hit' : 'miss')).inc();
    },
    upstreamError(upstream, kind) {
      child(`u${upstream}\0${kind}`, () => upstreamErrors.labels(upstream, kind)).inc();
    },
    breakerState(target, state) {
      breakers.labels(target).set(breakerValue[state]);
    },
    limited(limit) {
      limitedCounter.labels(limit).inc();
    },
    render: () => registry.metrics(),
  };
}
