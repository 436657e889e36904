// Stage: per-key limits (requests and tokens per minute, concurrency, budgets), then the limits its
// tenant shares across all of its keys. A refused request gets 429 with Retry-After; an admitted one
// gives its slots back and pays its tokens and cost when it ends, whatever the outcome.
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits } from '../../store/index.js';
import type { GatewayState } from '../state/index.js';
import type { GatewayContext, Stage } from './gateway-context.js';

export interface EnforceLimitsOptions {
  state: GatewayState;
  /** Loads a key's stored spend into the state once per process (budgets survive restarts). */
  seedSpend: (keyId: string) => Promise<void> | undefined;
  /** The limits a tenant shares across its keys (security.tenants.<tenant>.limits). */
  tenantLimits?: (tenant: string) => GatewayKeyLimits | undefined;
  onLimited?: (limit: string) => void;
}

const anonymous = 'anonymous';

const hasLimits = (limits: GatewayKeyLimits | undefined): limits is GatewayKeyLimits =>
  limits !== undefined &&
  (limits.requestsPerMinute !== undefined ||
    limits.tokensPerMinute !== undefined ||
    limits.concurrentRequests !== undefined ||
    limits.dailyBudgetUsd !== undefined ||
    limits.totalBudgetUsd !== undefined);

export function enforceLimits({ state, seedSpend, tenantLimits, onLimited }: EnforceLimitsOptions): Stage {
  // An answer now when the state can give one (memory; a leased shared state from its lease), else
  // a promise: the common path costs no async call, promise or microtask turn of its own.
  const admit = (id: string, limits: GatewayKeyLimits) => {
    const now = Date.now();
    if (state.admitNow) return state.admitNow(id, limits, now);
    return state.tryAdmitNow?.(id, limits, now) ?? state.admit(id, limits, now);
  };
  const release = (id: string, limits: GatewayKeyLimits, context: GatewayContext | undefined) => {
    const charge = context
      ? { tokens: context.inputTokens + context.outputTokens, costUsd: context.costUsd }
      : { tokens: 0, costUsd: 0 };
    // Released off the answer's path: a slow shared state must not delay the client.
    if (state.releaseNow) state.releaseNow(id, limits, charge, Date.now());
    else void state.release(id, limits, charge, Date.now()).catch(() => {});
  };

  return async (context, next) => {
    const { limits } = context;
    const limited = hasLimits(limits);
    const shared = context.tenant === undefined ? undefined : tenantLimits?.(context.tenant);
    const tenantLimited = hasLimits(shared);
    if (!limited && !tenantLimited) return next(context);
    const keyId = context.key?.id ?? anonymous;
    if (limited) {
      if (context.key && (limits.dailyBudgetUsd !== undefined || limits.totalBudgetUsd !== undefined)) {
        // undefined once seeded: no promise on the common path.
        const seeding = seedSpend(keyId);
        if (seeding) await seeding;
      }
      let admission = admit(keyId, limits);
      if (isPending(admission)) admission = await admission;
      if (!admission.ok) throw refused(admission, 'this key', onLimited);
    }
    // Tenant ids cannot collide with key ids ('key_…') or 'anonymous'. Built only when used.
    const tenantId = tenantLimited ? `tenant:${context.tenant}` : '';
    if (tenantLimited) {
      let admission = admit(tenantId, shared);
      if (isPending(admission)) admission = await admission;
      if (!admission.ok) {
        if (limited) release(keyId, limits, undefined);
        throw refused(admission, `tenant '${context.tenant}'`, onLimited);
      }
    }
    try {
      await next(context);
    } finally {
      if (limited) release(keyId, limits, context);
      if (tenantLimited) release(tenantId, shared, context);
    }
  };
}

function isPending<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T>).then === 'function';
}

function refused(
  admission: { limit: string; retryAfterMs?: number },
  whose: string,
  onLimited: ((limit: string) => void) | undefined,
): GantryError {
  onLimited?.(admission.limit);
  const budget = admission.limit === 'daily-budget' || admission.limit === 'total-budget';
  return new GantryError(
    budget ? 'GATEWAY_BUDGET_EXCEEDED' : 'GATEWAY_RATE_LIMITED',
    budget
      ? `The ${admission.limit === 'daily-budget' ? 'daily' : 'total'} spend budget of ${whose} is used up.`
      : `The ${describe(admission.limit)} limit of ${whose} is reached.`,
    {
      hint: budget
        ? 'Raise the budget, or wait for the next UTC day for a daily budget.'
        : 'Retry after the time given in Retry-After.',
      details: { limit: admission.limit, retryAfterMs: admission.retryAfterMs },
    },
  );
}

function describe(limit: string): string {
  if (limit === 'requests') return 'requests-per-minute';
  if (limit === 'tokens') return 'tokens-per-minute';
  return 'concurrent-requests';
}
