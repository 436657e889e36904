// Picks the policy for a request: by API key first (the most specific), then by route (model alias),
// then by agent name, else the default. Policies are built once and reused (one vault each: use
// `createGuardPolicy` directly when a vault must be per conversation).
import type { GuardConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { createGuardPolicy, type GuardPolicy } from './create-guard-policy.js';

export interface PolicySelector {
  route?: string;
  keyId?: string | null;
  agent?: string;
}

export type PolicyResolver = (selector: PolicySelector) => { name: string; policy: GuardPolicy };

export function createPolicyResolver(
  config: Pick<GuardConfig, 'policies' | 'defaultPolicy' | 'assignments'>,
): PolicyResolver {
  const built = new Map<string, GuardPolicy>();
  for (const [name, policy] of Object.entries(config.policies)) built.set(name, createGuardPolicy(policy));
  const fallback = createGuardPolicy(config.defaultPolicy);
  for (const [kind, table] of Object.entries(config.assignments)) {
    for (const [target, name] of Object.entries(table)) {
      if (!built.has(name)) {
        throw new GantryError(
          'GUARD_OPTIONS_INVALID',
          `guard.assignments.${kind}.${target} names an unknown policy "${name}".`,
          {
            hint: `Define it under guard.policies (known: ${[...built.keys()].join(', ') || 'none'}).`,
            details: { kind, target, name },
          },
        );
      }
    }
  }
  return ({ route, keyId, agent }) => {
    const name =
      (keyId ? config.assignments.keys[keyId] : undefined) ??
      (route ? config.assignments.routes[route] : undefined) ??
      (agent ? config.assignments.agents[agent] : undefined);
    return name ? { name, policy: built.get(name)! } : { name: 'default', policy: fallback };
  };
}
