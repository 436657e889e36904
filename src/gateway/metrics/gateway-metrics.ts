// Prometheus metrics of the gateway, in a registry of its own (several gateways can live in one
// process, as in tests). On the request path counters only add to plain numbers, found through maps
// of label values (no string keys built, no label hashing); they are added to prom-client's counters
// when the registry is read (`collect`). Histograms are BucketHistograms (same output as
// prom-client's), observed through a series looked up once per label set.
import { Counter, Gauge, Registry } from 'prom-client';
import type { BreakerState } from '../routing/circuit-breaker.js';
import { BucketHistogram } from './bucket-histogram.js';

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
interface Pending {
  counter: Counter;
  labels: Record<string, string>;
  /** Counted since the last scrape. */
  value: number;
}

interface Observer {
  observe(value: number): void;
}

interface EndpointSlots {
  duration: Observer;
  statuses: Map<number, Pending>;
}

interface ModelSlots {
  endpoints: Map<string, EndpointSlots>;
  input: Pending;
  output: Pending;
  cost: Pending;
  hit: Pending;
  miss: Pending;
  ttft: Observer;
  itl: Observer;
}

const breakerValue: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'gantry_gateway_requests_total',
    help: 'Requests answered, by model, endpoint and status.',
    labelNames: ['model', 'endpoint', 'status'],
    registers: [registry],
    collect: () => flush(),
  });
  const duration = new BucketHistogram(
    'gantry_gateway_request_duration_seconds',
    'Time from request to the end of the answer.',
    ['model', 'endpoint'],
    latencyBuckets,
    registry,
  );
  const overhead = new BucketHistogram(
    'gantry_gateway_overhead_seconds',
    'Time spent in the gateway itself (total minus time waiting on the upstream).',
    [],
    overheadBuckets,
    registry,
  );
  const ttft = new BucketHistogram(
    'gantry_gateway_time_to_first_token_seconds',
    'Time to the first streamed token.',
    ['model'],
    latencyBuckets,
    registry,
  );
  const itl = new BucketHistogram(
    'gantry_gateway_inter_token_seconds',
    'Gap between streamed chunks.',
    ['model'],
    latencyBuckets,
    registry,
  );
  const tokens = new Counter({
    name: 'gantry_gateway_tokens_total',
    help: 'Tokens, by model and type (input, output).',
    labelNames: ['model', 'type'],
    registers: [registry],
    collect: () => flush(),
  });
  const cost = new Counter({
    name: 'gantry_gateway_cost_usd_total',
    help: 'Spend in US dollars, priced from the model price table.',
    labelNames: ['model'],
    registers: [registry],
    collect: () => flush(),
  });
  const cacheCounter = new Counter({
    name: 'gantry_gateway_cache_requests_total',
    help: 'Cache lookups, by result (hit, miss).',
    labelNames: ['model', 'result'],
    registers: [registry],
    collect: () => flush(),
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
    // Merged across workers by the worst state.
    aggregator: 'max',
  });
  new Gauge({
    name: 'gantry_gateway_in_flight_requests',
    help: 'Requests being served.',
    registers: [registry],
    collect() {
      this.set(inFlightCount);
    },
  });
  const limitedCounter = new Counter({
    name: 'gantry_gateway_limited_total',
    help: 'Requests refused by a per-key limit.',
    labelNames: ['limit'],
    registers: [registry],
  });

  let inFlightCount = 0;
  const pending: Pending[] = [];
  const pendingCounter = (counter: Counter, labels: Record<string, string>): Pending => {
    const slot = { counter, labels, value: 0 };
    pending.push(slot);
    return slot;
  };
  /** Adds what the request path counted to the prom-client counters (on a scrape). */
  function flush(): void {
    for (const slot of pending) {
      if (slot.value === 0) continue;
      slot.counter.inc(slot.labels, slot.value);
      slot.value = 0;
    }
  }
  const models = new Map<string, ModelSlots>();
  function forModel(model: string): ModelSlots {
    let slots = models.get(model);
    if (!slots) {
      slots = {
        endpoints: new Map(),
        input: pendingCounter(tokens, { model, type: 'input' }),
        output: pendingCounter(tokens, { model, type: 'output' }),
        cost: pendingCounter(cost, { model }),
        hit: pendingCounter(cacheCounter, { model, result: 'hit' }),
        miss: pendingCounter(cacheCounter, { model, result: 'miss' }),
        ttft: ttft.labels(model),
        itl: itl.labels(model),
      };
      models.set(model, slots);
    }
    return slots;
  }
  function forEndpoint(model: string, endpoint: string): EndpointSlots {
    const endpoints = forModel(model).endpoints;
    let slots = endpoints.get(endpoint);
    if (!slots) {
      slots = { duration: duration.labels(model, endpoint), statuses: new Map() };
      endpoints.set(endpoint, slots);
    }
    return slots;
  }
  const overheadSeries = overhead.labels();
  const upstreamChildren = new Map<string, { inc(v?: number): void }>();

  return {
    registry,
    contentType: registry.contentType,
    requestStarted() {
      inFlightCount++;
    },
    requestEnded(model, endpoint, status, seconds, overheadSeconds) {
      inFlightCount--;
      const slots = forEndpoint(model, endpoint);
      let count = slots.statuses.get(status);
      if (!count) {
        count = pendingCounter(requests, { model, endpoint, status: String(status) });
        slots.statuses.set(status, count);
      }
      count.value++;
      slots.duration.observe(seconds);
      overheadSeries.observe(overheadSeconds);
    },
    timeToFirstToken(model, seconds) {
      forModel(model).ttft.observe(seconds);
    },
    interToken(model, seconds) {
      forModel(model).itl.observe(seconds);
    },
    tokens(model, input, output) {
      const slots = forModel(model);
      if (input > 0) slots.input.value += input;
      if (output > 0) slots.output.value += output;
    },
    cost(model, usd) {
      if (usd > 0) forModel(model).cost.value += usd;
    },
    cache(model, hit) {
      const slots = forModel(model);
      (hit ? slots.hit : slots.miss).value++;
    },
    upstreamError(upstream, kind) {
      const name = `${upstream}\0${kind}`;
      let child = upstreamChildren.get(name);
      if (!child) {
        child = upstreamErrors.labels(upstream, kind);
        upstreamChildren.set(name, child);
      }
      child.inc();
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
