// The gateway's part of `gantry serve`: it serves /v1/* (the OpenAI-compatible API, /v1/models
// included), /metrics and /admin/*, mounted ahead of the route table.
import { createGateway } from '../../gateway/index.js';
import type { Mount } from '../create-server.js';
import type { ServerPartsContext } from '../server-parts.js';

export async function gatewayMounts(
  context: ServerPartsContext,
): Promise<{ mounts: Mount[]; close: () => Promise<void> }> {
  const gateway = await createGateway({
    config: context.config,
    store: context.store,
    tracer: context.tracer,
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
