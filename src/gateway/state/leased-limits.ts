// Limits shared through Redis at in-memory cost: each replica leases a few requests, tokens and
// concurrency slots of a key at a time (one round trip per lease, not per request), admits from its
// lease in memory, charges tokens and spend locally and sends them with its next lease call (or
// within flushMs), and gives back what it did not use once the key goes idle.
//
// Exactness (docs/gateway.md, "Limits across replicas"):
// - requests/min and concurrency are never exceeded: a leased unit was taken from the shared count.
//   A replica may refuse while another holds unused units: at most what the others hold, each lease
//   at most 1/share of what was left when taken (the last units go one at a time).
// - tokens/min and budgets are charged after the answer, as without leases; what one replica has not
//   sent yet (at most flushMs of its traffic) is added to the overshoot the in-flight requests allow.
//   Within nearBudget of a budget every admission asks Redis first, as without leases.
// - a replica that dies loses its unused requests and tokens (the buckets refill them within a
//   minute), its unsent charges (at most flushMs of its traffic, never charged), and its concurrency
//   slots come back when its lease expires (ttlMs).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { GatewayKeyLimits } from '../../store/index.js';
import { type Admission, msUntilNextUtcDay, type UsageCharge, utcDay } from './gateway-state.js';

export interface LeaseOptions {
  /** Most units one lease asks for (the adaptive size doubles up to it). Default 128. */
  maxLease?: number;
  /** A grant is at most this fraction's inverse of what is left. Default 16. */
  share?: number;
  /** Unsent charges go to Redis at least this often. Default 100 ms. */
  flushMs?: number;
  /** Unused leases go back after the key is idle this long. Default 1,000 ms. */
  idleMs?: number;
  /** Concurrency slots of a replica that stopped renewing are freed after this. Default 10,000 ms. */
  ttlMs?: number;
  /** Within this fraction of a budget every admission asks Redis. Default 0.1. */
  nearBudget?: number;
}

/** Runs the lease script: KEYS and ARGV as documented in lease-script.ts. */
export type LeaseCall = (
  keyId: string,
  day: string,
  args: (string | number)[],
) => Promise<[number, number, number, string, string, number, number]>;

interface Lease {
  requests: number;
  tokens: number;
  slotsFree: number;
  slotsInUse: number;
  cost: number;
  seenTotal: number;
  seenToday: number;
  day: string;
  syncedAt: number;
  usedAt: number;
  shortAt: number;
  size: number;
  tokensPerRequest: number;
  retryRequests: number;
  retryTokens: number;
  /** Limits the last call asked for and Redis had none of (a refusal is only ever Redis's answer). */
  denied: { requests: boolean; tokens: boolean; slots: boolean };
  limits: GatewayKeyLimits;
  syncing: Promise<void> | undefined;
}

export interface Leases {
  tryAdmitNow(keyId: string, limits: GatewayKeyLimits, now: number): Admission | undefined;
  admit(keyId: string, limits: GatewayKeyLimits, now: number): Promise<Admission>;
  releaseNow(keyId: string, limits: GatewayKeyLimits, charge: UsageCharge, now: number): void;
  /** Sends this replica's unsent charges of a key (before reading its spend). */
  flushKey(keyId: string): Promise<void>;
  /** Gives every lease back and sends every charge. */
  close(): Promise<void>;
  /** Round trips to Redis so far (for tests and the benchmark). */
  readonly calls: number;
}

const arg = (v: number | undefined) => (v === undefined ? -1 : v);

export function createLeases(call: LeaseCall, options: LeaseOptions = {}): Leases {
  const {
    maxLease = 128,
    share = 16,
    flushMs = 100,
    idleMs = 1_000,
    ttlMs = 10_000,
    nearBudget = 0.1,
  } = options;
  const replica = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leases = new Map<string, Lease>();
  let calls = 0;

  function leaseOf(keyId: string, limits: GatewayKeyLimits, now: number): Lease {
    let lease = leases.get(keyId);
    if (!lease) {
      lease = {
        requests: 0,
        tokens: 0,
        slotsFree: 0,
        slotsInUse: 0,
        cost: 0,
        seenTotal: 0,
        seenToday: 0,
        day: '',
        syncedAt: 0,
        usedAt: now,
        shortAt: 0,
        size: 1,
        tokensPerRequest: 1,
        retryRequests: 0,
        retryTokens: 0,
        denied: { requests: false, tokens: false, slots: false },
        limits,
        syncing: undefined,
      };
      leases.set(keyId, lease);
    }
    lease.limits = limits;
    return lease;
  }

  /** The answer from the lease alone; 'sync' when Redis must be asked (fresh: it just was). */
  function check(lease: Lease, limits: GatewayKeyLimits, now: number, fresh: boolean): Admission | 'sync' {
    const { totalBudgetUsd: total, dailyBudgetUsd: daily } = limits;
    if (total !== undefined || daily !== undefined) {
      if (lease.day !== utcDay(now)) {
        if (!fresh) return 'sync';
      }
      const spentTotal = lease.seenTotal + lease.cost;
      const spentToday = lease.seenToday + lease.cost;
      // Spend only grows (within a day): a view at or over the budget is final without asking.
      if (total !== undefined && spentTotal >= total)
        return { ok: false, limit: 'total-budget', retryAfterMs: msUntilNextUtcDay(now) };
      if (daily !== undefined && spentToday >= daily)
        return { ok: false, limit: 'daily-budget', retryAfterMs: msUntilNextUtcDay(now) };
      if (!fresh) {
        const near =
          (total !== undefined && total - spentTotal <= total * nearBudget) ||
          (daily !== undefined && daily - spentToday <= daily * nearBudget);
        if (near || now - lease.syncedAt > flushMs) return 'sync';
      }
    }
    const { concurrentRequests: conc, requestsPerMinute: rpm, tokensPerMinute: tpm } = limits;
    const shortSlots = conc !== undefined && lease.slotsFree < 1;
    const shortRequests = rpm !== undefined && lease.requests < 1;
    const shortTokens = tpm !== undefined && lease.tokens < 1;
    if (shortSlots || shortRequests || shortTokens) {
      if (!fresh) return 'sync';
      const { denied } = lease;
      if (shortSlots && denied.slots) return { ok: false, limit: 'concurrency', retryAfterMs: 1_000 };
      if (shortRequests && denied.requests)
        return { ok: false, limit: 'requests', retryAfterMs: lease.retryRequests || 1 };
      if (shortTokens && denied.tokens)
        return { ok: false, limit: 'tokens', retryAfterMs: lease.retryTokens || 1 };
      // Short of something this call did not ask for (used meanwhile by other requests): ask again.
      return 'sync';
    }
    if (rpm !== undefined) lease.requests -= 1;
    if (conc !== undefined) {
      lease.slotsFree -= 1;
      lease.slotsInUse += 1;
    }
    lease.usedAt = now;
    return { ok: true };
  }

  /** One round trip: returns and charges what is due, asks for a lease where one is short. */
  function sync(keyId: string, lease: Lease, now: number, mode: 'lease' | 'flush' | 'return'): Promise<void> {
    if (lease.syncing) return lease.syncing;
    const { limits } = lease;
    const giveBack = mode === 'return';
    let wantRequests = 0;
    let wantTokens = 0;
    let wantSlots = 0;
    if (mode === 'lease') {
      // Adaptive size: leases running out quickly double, a key that needs one rarely halves.
      if (now - lease.shortAt < 50) lease.size = Math.min(maxLease, lease.size * 2);
      else if (now - lease.shortAt > 1_000) lease.size = Math.max(1, lease.size >> 1);
      lease.shortAt = now;
      if (limits.requestsPerMinute !== undefined && lease.requests < 1) wantRequests = lease.size;
      if (limits.concurrentRequests !== undefined && lease.slotsFree < 1) wantSlots = lease.size;
      if (limits.tokensPerMinute !== undefined && lease.tokens < 1)
        wantTokens = Math.max(1, Math.ceil(lease.size * lease.tokensPerRequest));
    }
    // Requests and tokens go back whole when idle; tokens used beyond the lease always go.
    const backRequests = giveBack && lease.requests > 0 ? lease.requests : 0;
    const backTokens = lease.tokens < 0 || giveBack ? lease.tokens : 0;
    const cost = lease.cost;
    lease.requests -= backRequests;
    lease.tokens -= backTokens;
    lease.cost = 0;
    if (giveBack) lease.slotsFree = 0;
    const held = lease.slotsFree + lease.slotsInUse;
    const day = utcDay(now);
    calls++;
    lease.syncing = call(keyId, day, [
      now,
      replica,
      ttlMs,
      arg(limits.requestsPerMinute),
      arg(limits.tokensPerMinute),
      arg(limits.concurrentRequests),
      wantRequests,
      wantTokens,
      wantSlots,
      backRequests,
      backTokens,
      held,
      cost > 0 ? cost.toFixed(10) : 0,
      share,
    ]).then(
      ([requests, tokens, slots, total, today, retryRequests, retryTokens]) => {
        lease.syncing = undefined;
        lease.requests += requests;
        lease.tokens += tokens;
        lease.slotsFree += slots;
        lease.seenTotal = Number(total);
        lease.seenToday = Number(today);
        lease.day = day;
        lease.syncedAt = now;
        lease.retryRequests = retryRequests;
        lease.retryTokens = retryTokens;
        lease.denied = {
          requests: wantRequests > 0 && requests === 0,
          tokens: wantTokens > 0 && tokens === 0,
          slots: wantSlots > 0 && slots === 0,
        };
      },
      (error) => {
        lease.syncing = undefined;
        // Charges not known to have reached Redis stay to be sent again (never under-charged).
        lease.cost += cost;
        if (backTokens < 0) lease.tokens += backTokens;
        throw error;
      },
    );
    return lease.syncing;
  }

  async function admit(keyId: string, limits: GatewayKeyLimits, now: number): Promise<Admission> {
    const lease = leaseOf(keyId, limits, now);
    let answer = check(lease, limits, now, false);
    for (let own = 0; answer === 'sync'; ) {
      if (lease.syncing) {
        // One call at a time per key: wait for the one under way, then look again.
        await lease.syncing;
        answer = check(lease, limits, now, false);
      } else {
        // This request's own call: a limit Redis had nothing of refuses; units other requests took
        // meanwhile mean another call (a few at most, then the request is refused as limited).
        await sync(keyId, lease, Date.now(), 'lease');
        answer = check(lease, limits, now, true);
        if (answer === 'sync' && ++own >= 8) answer = exhausted(lease, limits);
      }
    }
    return answer;
  }

  function exhausted(lease: Lease, limits: GatewayKeyLimits): Admission {
    if (limits.concurrentRequests !== undefined && lease.slotsFree < 1)
      return { ok: false, limit: 'concurrency', retryAfterMs: 1_000 };
    if (limits.requestsPerMinute !== undefined && lease.requests < 1)
      return { ok: false, limit: 'requests', retryAfterMs: lease.retryRequests || 1 };
    return { ok: false, limit: 'tokens', retryAfterMs: lease.retryTokens || 1 };
  }

  // Sends unsent charges, renews held slots, gives back idle leases; forgets long-idle keys.
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [keyId, lease] of leases) {
      if (lease.syncing) continue;
      const idle = now - lease.usedAt > idleMs;
      const holding = lease.requests > 0 || lease.tokens > 0 || lease.slotsFree > 0;
      const due =
        ((lease.cost > 0 || lease.tokens < 0) && now - lease.syncedAt >= flushMs) ||
        (idle && holding) ||
        (lease.slotsInUse > 0 && now - lease.syncedAt > ttlMs / 3);
      if (due) void sync(keyId, lease, now, idle ? 'return' : 'flush').catch(() => {});
      else if (idle && !holding && lease.slotsInUse === 0 && now - lease.usedAt > 60_000)
        leases.delete(keyId);
    }
  }, flushMs);
  timer.unref();

  return {
    tryAdmitNow(keyId, limits, now) {
      const answer = check(leaseOf(keyId, limits, now), limits, now, false);
      return answer === 'sync' ? undefined : answer;
    },
    admit,
    releaseNow(keyId, limits, charge, now) {
      const lease = leaseOf(keyId, limits, now);
      if (limits.concurrentRequests !== undefined && lease.slotsInUse > 0) {
        lease.slotsInUse -= 1;
        lease.slotsFree += 1;
      }
      if (limits.tokensPerMinute !== undefined) {
        lease.tokens -= charge.tokens;
        lease.tokensPerRequest = lease.tokensPerRequest * 0.9 + charge.tokens * 0.1;
      }
      lease.cost += charge.costUsd;
      lease.usedAt = now;
    },
    async flushKey(keyId) {
      const lease = leases.get(keyId);
      if (!lease) return;
      if (lease.syncing) await lease.syncing.catch(() => {});
      if (lease.cost > 0 || lease.tokens < 0) await sync(keyId, lease, Date.now(), 'flush');
    },
    async close() {
      clearInterval(timer);
      const now = Date.now();
      await Promise.all(
        [...leases].map(async ([keyId, lease]) => {
          if (lease.syncing) await lease.syncing.catch(() => {});
          await sync(keyId, lease, now, 'return').catch(() => {});
        }),
      );
      leases.clear();
    },
    get calls() {
      return calls;
    },
  };
}
