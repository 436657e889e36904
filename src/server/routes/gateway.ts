// The gateway's part of `gantry serve`: it serves /v1/* (the OpenAI-compatible API, /v1/models
// included), /metrics and /admin/*, mounted ahead of the route table. With `guard.gateway` on, the
// guard policies run in the gateway's hook points.
import type { GantryConfig } from '../../config/index.js';
import { createGateway, type GatewayHooks, type KeyService } from '../../gateway/index.js';
import { createGuardGatewayHooks, createGuardMonitor, createPolicyResolver } from '../../guard/index.js';
import type { Store } from '../../store/index.js';
import type { Mount } from '../create-server.js';
import type { ServerPartsContext } from '../server-parts.js';

export async function gatewayMounts(
  context: ServerPartsContext,
  keys?: KeyService,
): Promise<{ mounts: Mount[]; close: () => Promise<void> }> {
  const gateway = await createGateway({
    keys,
    config: context.config,
    store: context.store,
    tracer: context.tracer,
    hooks: guardHooks(context.config, context.store),
  });
  const handle = gateway.handle.bind(gateway);
  return {
    mounts: [
      { prefix: '/v1/', handle },
      { prefix: '/metrics', handle },
      { prefix: '/admin/', handle },
    ],
    close: () => gateway.close(),
  };
}

function guardHooks(config: GantryConfig, store: Pick<Store, 'guardEvents'>): GatewayHooks | undefined {
  const { guard } = config;
  if (!guard.gateway) return undefined;
  return createGuardGatewayHooks(createPolicyResolver(guard), {
    holdBack: guard.streamHoldBack,
    monitor: guard.monitorTraffic ? createGuardMonitor(store.guardEvents) : undefined,
  });
}
