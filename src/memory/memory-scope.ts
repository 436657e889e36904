// Who a memory belongs to: a tenant, a user, and optionally one thread (conversation) of that user.
import { GantryError } from '../errors/index.js';

export interface MemoryScope {
  /** Default 'default'. */
  tenant?: string;
  user: string;
  /** A thread's own working memory; recall always spans all of the user's threads. */
  thread?: string;
}

export interface ResolvedScope {
  tenant: string;
  user: string;
  thread: string;
}

const maximumIdLength = 200;

export function resolveScope(scope: MemoryScope | undefined): ResolvedScope {
  const tenant = scope?.tenant ?? 'default';
  const user = scope?.user;
  const thread = scope?.thread ?? '';
  for (const [field, value] of [
    ['tenant', tenant],
    ['user', user],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '' || value.length > maximumIdLength) {
      throw new GantryError(
        'MEMORY_SCOPE_INVALID',
        `Memory needs a ${field} id of 1 to ${maximumIdLength} characters.`,
        {
          hint: `Pass { user: 'id' } (and a tenant where users of several tenants share a store); got ${JSON.stringify(value)}.`,
          details: { field },
        },
      );
    }
  }
  if (typeof thread !== 'string' || thread.length > maximumIdLength) {
    throw new GantryError(
      'MEMORY_SCOPE_INVALID',
      `A memory thread id must be at most ${maximumIdLength} characters.`,
      {
        hint: 'Use the conversation or session id as the thread.',
      },
    );
  }
  return { tenant, user: user as string, thread };
}

export const scopeKey = (scope: { tenant: string; user: string }) => `${scope.tenant}\u0000${scope.user}`;
