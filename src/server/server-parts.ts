// What each subsystem contributes to `gantry serve`: routes, mounts (the gateway under /v1) and cleanup.
// Subsystems add themselves here; the platform routes (health, readiness, models) are always present.
import type { GantryConfig } from '../config/index.js';
import { createKeyService, type KeyService } from '../gateway/index.js';
import type { Store } from '../store/index.js';
import type { Tracer } from '../trace/index.js';
import type { Mount } from './create-server.js';
import type { Route } from './router.js';
import { agentRoutes } from './routes/agent.js';
import { gatewayMounts } from './routes/gateway.js';
import { memoryRoutes } from './routes/memory.js';
import { ragRoutes } from './routes/rag.js';

export interface ServerPartsContext {
  config: GantryConfig;
  store: Store;
  tracer: Tracer;
}

export interface ServerParts {
  routes: Route[];
  mounts: Mount[];
  /** Cleanup run after in-flight requests drained (flush usage, close pools). */
  close: Array<() => Promise<void>>;
  /** One key service for the gateway and the platform routes (one cache, one revocation path). */
  keys: KeyService;
}

export async function assembleServerParts(context: ServerPartsContext): Promise<ServerParts> {
  const keys = createKeyService(context.store.gatewayKeys, {
    grants: context.store.gatewayKeyGrants,
    unknownKeyCacheEntries: context.config.security.unknownKeyCacheEntries,
  });
  const parts: ServerParts = { routes: [], mounts: [], close: [], keys };
  const agent = agentRoutes(context);
  parts.routes.push(...agent.routes);
  parts.close.push(agent.close);
  parts.routes.push(...ragRoutes(context));
  parts.routes.push(...memoryRoutes(context));
  const gateway = await gatewayMounts(context, keys);
  parts.mounts.push(...gateway.mounts);
  parts.close.push(gateway.close);
  return parts;
}
