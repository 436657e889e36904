// Stage: per-key limits (requests and tokens per minute, concurrency, budgets). A refused request
// gets 429 with Retry-After; an admitted one gives its slot back and pays its tokens and cost when
// it ends, whatever the outcome.
import { GantryError } from '../../errors/index.js';
import type { GatewayState } from '../state/index.js';
import type { Stage } from './gateway-context.js';

export interface EnforceLimitsOptions {
  state: GatewayState;
  /** Loads a key's stored spend into the state once per process (budgets survive restarts). */
  seedSpend: (keyId: string) => Promise<void> | undefined;
  onLimited?: (limit: string) => void;
}

const anonymous = 'anonymous';

export function enforceLimits({ state, seedSpend, onLimited }: EnforceLimitsOptions): Stage {
  return async (context, next) => {
    const { limits } = context;
    const limited =
      limits.requestsPerMinute !== undefined ||
      limits.tokensPerMinute !== undefined ||
      limits.concurrentRequests !== undefined ||
      limits.dailyBudgetUsd !== undefined ||
      limits.totalBudgetUsd !== undefined;
    if (!limited) return next(context);
    const keyId = context.key?.id ?? anonymous;
    if (context.key && (limits.dailyBudgetUsd !== undefined || limits.totalBudgetUsd !== undefined)) {
      // undefined once seeded: no promise on the common path.
      const seeding = seedSpend(keyId);
      if (seeding) await seeding;
    }
    const admission = state.admitNow
      ? state.admitNow(keyId, limits, Date.now())
      : await state.admit(keyId, limits, Date.now());
    if (!admission.ok) {
      onLimited?.(admission.limit);
      const budget = admission.limit === 'daily-budget' || admission.limit === 'total-budget';
      throw new GantryError(
        budget ? 'GATEWAY_BUDGET_EXCEEDED' : 'GATEWAY_RATE_LIMITED',
        budget
          ? `The ${admission.limit === 'daily-budget' ? 'daily' : 'total'} spend budget of this key is used up.`
          : `The ${describe(admission.limit)} limit of this key is reached.`,
        {
          hint: budget
            ? 'Raise the key’s budget, or wait for the next UTC day for a daily budget.'
            : 'Retry after the time given in Retry-After.',
          details: { limit: admission.limit, retryAfterMs: admission.retryAfterMs },
        },
      );
    }
    try {
      await next(context);
    } finally {
      const tokens = context.inputTokens + context.outputTokens;
      // Released off the answer's path: a slow shared state must not delay the client.
      const charge = { tokens, costUsd: context.costUsd };
      if (state.releaseNow) state.releaseNow(keyId, limits, charge, Date.now());
      else void state.release(keyId, limits, charge, Date.now()).catch(() => {});
    }
  };
}

function describe(limit: string): string {
  if (limit === 'requests') return 'requests-per-minute';
  if (limit === 'tokens') return 'tokens-per-minute';
  return 'concurrent-requests';
}
