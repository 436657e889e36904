// One breaker per target: closed → open when failures pile up (N in a row, or a failure rate over
// a rolling window) → after openMs half-open, where probe requests decide: a run of successes
// closes it, any failure opens it again. The rate rule catches a backend that fails every other
// request, which a consecutive-failure rule alone keeps letting back in.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold?: number;
  /** Failure ratio over the last windowSize outcomes that opens it (once minimumRequests are seen). */
  failureRateThreshold?: number;
  windowSize?: number;
  minimumRequests?: number;
  openMs?: number;
  /** Probes allowed at once while half-open. */
  halfOpenProbes?: number;
  /** Successful probes in a row needed to close again. */
  closeAfterSuccesses?: number;
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

/** 'pass' for normal traffic, 'probe' for a half-open trial, 'reject' while open. */
export type BreakerDecision = 'pass' | 'probe' | 'reject';

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private probeSuccesses = 0;
  private openedAt = 0;
  private probes = 0;
  /** Ring buffer of recent outcomes: 1 failure, 0 success. */
  private readonly window: Uint8Array;
  private windowCount = 0;
  private windowNext = 0;
  private windowFailures = 0;
  private readonly options: Required<Omit<CircuitBreakerOptions, 'onStateChange'>> &
    Pick<CircuitBreakerOptions, 'onStateChange'>;

  constructor({
    failureThreshold = 5,
    failureRateThreshold = 0.5,
    windowSize = 20,
    minimumRequests = 10,
    openMs = 10_000,
    halfOpenProbes = 1,
    closeAfterSuccesses = 3,
    now = Date.now,
    onStateChange,
  }: CircuitBreakerOptions = {}) {
    this.options = {
      failureThreshold,
      failureRateThreshold,
      windowSize,
      minimumRequests,
      openMs,
      halfOpenProbes,
      closeAfterSuccesses,
      now,
      onStateChange,
    };
    this.window = new Uint8Array(windowSize);
  }

  get state(): BreakerState {
    return this.current;
  }

  /** Milliseconds until an open breaker lets a probe through (0 when not open). */
  get retryAfterMs(): number {
    return this.current === 'open'
      ? Math.max(0, this.openedAt + this.options.openMs - this.options.now())
      : 0;
  }

  acquire(): BreakerDecision {
    if (this.current === 'closed') return 'pass';
    if (this.current === 'open') {
      if (this.options.now() - this.openedAt < this.options.openMs) return 'reject';
      this.transition('half-open');
      this.probes = 0;
      this.probeSuccesses = 0;
    }
    if (this.probes >= this.options.halfOpenProbes) return 'reject';
    this.probes++;
    return 'probe';
  }

  recordSuccess(decision: BreakerDecision): void {
    if (decision === 'probe') {
      this.probes = Math.max(0, this.probes - 1);
      if (this.current === 'half-open' && ++this.probeSuccesses >= this.options.closeAfterSuccesses) {
        this.resetWindow();
        this.transition('closed');
      }
      return;
    }
    this.consecutiveFailures = 0;
    this.remember(0);
  }

  recordFailure(decision: BreakerDecision): void {
    if (decision === 'probe') this.probes = Math.max(0, this.probes - 1);
    if (this.current === 'half-open') {
      this.open();
      return;
    }
    if (this.current !== 'closed') return;
    this.consecutiveFailures++;
    this.remember(1);
    const { failureThreshold, failureRateThreshold, minimumRequests } = this.options;
    const rateTripped =
      this.windowCount >= minimumRequests && this.windowFailures / this.windowCount >= failureRateThreshold;
    if (this.consecutiveFailures >= failureThreshold || rateTripped) this.open();
  }

  private remember(outcome: 0 | 1): void {
    const size = this.window.length;
    if (this.windowCount === size) this.windowFailures -= this.window[this.windowNext];
    else this.windowCount++;
    this.window[this.windowNext] = outcome;
    this.windowFailures += outcome;
    this.windowNext = (this.windowNext + 1) % size;
  }

  private resetWindow(): void {
    this.window.fill(0);
    this.windowCount = 0;
    this.windowNext = 0;
    this.windowFailures = 0;
    this.consecutiveFailures = 0;
  }

  private open(): void {
    this.openedAt = this.options.now();
    this.transition('open');
  }

  private transition(state: BreakerState): void {
    if (this.current === state) return;
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
