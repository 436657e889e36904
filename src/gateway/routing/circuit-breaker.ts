// One breaker per target: closed → (N consecutive failures) → open → (after openMs) half-open, where
// a few probe requests decide between closed and open again.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  openMs?: number;
  halfOpenProbes?: number;
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

/** 'pass' for normal traffic, 'probe' for a half-open trial, 'reject' while open. */
export type BreakerDecision = 'pass' | 'probe' | 'reject';

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probes = 0;
  private readonly failureThreshold: number;
  private readonly openMs: number;
  private readonly halfOpenProbes: number;
  private readonly now: () => number;
  private readonly onStateChange: ((state: BreakerState) => void) | undefined;

  constructor({
    failureThreshold = 5,
    openMs = 10_000,
    halfOpenProbes = 1,
    now = Date.now,
    onStateChange,
  }: CircuitBreakerOptions = {}) {
    this.failureThreshold = failureThreshold;
    this.openMs = openMs;
    this.halfOpenProbes = halfOpenProbes;
    this.now = now;
    this.onStateChange = onStateChange;
  }

  get state(): BreakerState {
    return this.current;
  }

  /** Milliseconds until an open breaker lets a probe through (0 when not open). */
  get retryAfterMs(): number {
    return this.current === 'open' ? Math.max(0, this.openedAt + this.openMs - this.now()) : 0;
  }

  acquire(): BreakerDecision {
    if (this.current === 'closed') return 'pass';
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.openMs) return 'reject';
      this.transition('half-open');
      this.probes = 0;
    }
    if (this.probes >= this.halfOpenProbes) return 'reject';
    this.probes++;
    return 'probe';
  }

  recordSuccess(decision: BreakerDecision): void {
    if (decision === 'probe') this.probes = Math.max(0, this.probes - 1);
    this.failures = 0;
    if (this.current !== 'closed') this.transition('closed');
  }

  recordFailure(decision: BreakerDecision): void {
    if (decision === 'probe') this.probes = Math.max(0, this.probes - 1);
    this.failures++;
    if (
      this.current === 'half-open' ||
      (this.current === 'closed' && this.failures >= this.failureThreshold)
    ) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private transition(state: BreakerState): void {
    this.current = state;
    this.onStateChange?.(state);
  }
}
