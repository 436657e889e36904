// A target at run time: its upstream, breaker and the live statistics strategies choose by.
import type { Upstream } from '../upstream/index.js';
import type { CircuitBreaker } from './circuit-breaker.js';

export interface RouteTarget {
  /** `upstream/model`, unique within a route. */
  readonly id: string;
  readonly upstream: Upstream;
  readonly model: string;
  readonly weight: number;
  readonly timeoutMs: number;
  readonly breaker: CircuitBreaker;
  /** Requests sent and not yet finished. */
  outstanding: number;
  /** Exponentially weighted moving average of latency (ms); 0 until the first sample. */
  latencyEwmaMs: number;
}

/** Smoothing of the latency EWMA: each sample weighs 0.2, so a change shows within ~10 requests. */
const alpha = 0.2;

export function recordLatency(target: RouteTarget, ms: number): void {
  target.latencyEwmaMs =
    target.latencyEwmaMs === 0 ? ms : target.latencyEwmaMs + alpha * (ms - target.latencyEwmaMs);
}
