// Agent runs a tenant may have in progress at once in this server (security.tenants.<t>.concurrentRuns),
// across all of its keys: one tenant cannot take every model slot and tool worker of a shared server.
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';

export interface TenantRunSlots {
  /** Takes a slot of `tenant` (TENANT_RUNS_LIMITED, 429, when none is free); returns its release. */
  take(tenant: string): () => void;
  running(tenant: string): number;
}

export function createTenantRunSlots(config: GantryConfig): TenantRunSlots {
  const running = new Map<string, number>();
  return {
    take(tenant) {
      const { tenants } = config.security;
      const limit = Object.hasOwn(tenants, tenant) ? tenants[tenant].concurrentRuns : undefined;
      const now = running.get(tenant) ?? 0;
      if (limit !== undefined && now >= limit) {
        throw new GantryError(
          'TENANT_RUNS_LIMITED',
          `Tenant '${tenant}' already has ${now} agent runs in progress, its limit.`,
          {
            hint: 'Wait for a run to finish (GET /api/runs?status=running), or raise security.tenants.<tenant>.concurrentRuns.',
            details: { limit },
          },
        );
      }
      running.set(tenant, now + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(tenant) ?? 1) - 1;
        if (left > 0) running.set(tenant, left);
        else running.delete(tenant);
      };
    },
    running: (tenant) => running.get(tenant) ?? 0,
  };
}
