// What a key may do (scopes) and for whom (tenant), and the checks on what a key is created with.
import { z } from 'zod';
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits } from '../../store/index.js';

export const scopes = ['gateway', 'agents', 'rag', 'memory', 'eval', 'admin'] as const;
export type Scope = (typeof scopes)[number];

/** Keys created before scopes existed, and keys created without --scopes, call the gateway only. */
export const defaultScopes: readonly Scope[] = ['gateway'];

const tenantPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (scopes as readonly string[]).includes(value);
}

export function checkScopes(value: unknown): Scope[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isScope)) {
    throw new GantryError('USAGE_INVALID', `Scopes must be a non-empty list of ${scopes.join(', ')}.`, {
      hint: 'For example --scopes gateway,agents (CLI) or "scopes": ["gateway", "rag"] (admin API).',
      details: { scopes: value },
    });
  }
  return [...new Set(value)];
}

export function checkTenant(value: unknown): string {
  if (typeof value !== 'string' || !tenantPattern.test(value)) {
    throw new GantryError(
      'USAGE_INVALID',
      `A tenant is 1 to 64 lowercase letters, digits, '-' or '_' (starting with a letter or digit), got ${JSON.stringify(value)?.slice(0, 80)}.`,
      { hint: 'For example --tenant acme.' },
    );
  }
  return value;
}

const limitsSchema = z
  .object({
    requestsPerMinute: z.number().positive().finite().optional(),
    tokensPerMinute: z.number().positive().finite().optional(),
    concurrentRequests: z.number().int().positive().optional(),
    dailyBudgetUsd: z.number().nonnegative().finite().optional(),
    totalBudgetUsd: z.number().nonnegative().finite().optional(),
  })
  .strict();

/** Limits as numbers in range, or a USAGE_INVALID error naming the bad field. */
export function checkLimits(value: unknown): GatewayKeyLimits {
  const result = limitsSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new GantryError('USAGE_INVALID', `Invalid key limits: ${z.prettifyError(result.error)}`, {
    hint: 'Limits are positive numbers: requestsPerMinute, tokensPerMinute, concurrentRequests (whole), dailyBudgetUsd, totalBudgetUsd.',
  });
}
