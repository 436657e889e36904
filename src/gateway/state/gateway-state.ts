// Limits, concurrency, spend and the response cache live behind this one interface, so that one
// process keeps them in memory and several replicas share them through Redis, exactly.
import type { GatewayKeyLimits } from '../../store/index.js';

export type LimitName = 'requests' | 'tokens' | 'concurrency' | 'daily-budget' | 'total-budget';

export type Admission = { ok: true } | { ok: false; limit: LimitName; retryAfterMs: number };

export interface UsageCharge {
  tokens: number;
  costUsd: number;
}

export interface GatewayState {
  readonly kind: 'memory' | 'redis';
  /**
   * Checks every limit of the key, then takes one request and one concurrency slot, atomically:
   * a refused request consumes nothing.
   */
  admit(keyId: string, limits: GatewayKeyLimits, now: number): Promise<Admission>;
  /** Synchronous admit/release, for states that need no I/O (memory): saves promises per request. */
  admitNow?(keyId: string, limits: GatewayKeyLimits, now: number): Admission;
  releaseNow?(keyId: string, limits: GatewayKeyLimits, charge: UsageCharge, now: number): void;
  /** The answer when it needs no I/O (a leased Redis state with units in hand), else undefined. */
  tryAdmitNow?(keyId: string, limits: GatewayKeyLimits, now: number): Admission | undefined;
  /** Round trips made for leases so far (the leased Redis state only). */
  readonly leaseCalls?: number;
  /** Gives the concurrency slot back and charges the tokens and spend the request used. */
  release(keyId: string, limits: GatewayKeyLimits, charge: UsageCharge, now: number): Promise<void>;
  /** Starts a key's spend counters from stored usage, unless another replica already did. */
  seedSpend(keyId: string, totalUsd: number, todayUsd: number, now: number): Promise<void>;
  /** Spend so far: today (UTC) and in total. */
  spend(keyId: string, now: number): Promise<{ todayUsd: number; totalUsd: number }>;
  cacheGet(key: string): Promise<string | undefined>;
  cacheSet(key: string, value: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** 'YYYY-MM-DD' of a UTC day (shared with the store, which totals usage per UTC day). */
export { utcDay } from '../../store/index.js';

export function msUntilNextUtcDay(now: number): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}
