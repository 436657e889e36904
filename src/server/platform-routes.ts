// Routes every Gantry server has: health, readiness and the model list.
import type { GantryConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { sendJson } from './http-response.js';
import type { Route } from './router.js';

export interface PlatformRouteOptions {
  config: GantryConfig;
  store: Pick<Store, 'checkWritable' | 'location'>;
  /** False once shutdown starts, so that load balancers stop sending traffic. */
  isAcceptingTraffic: () => boolean;
}

export function platformRoutes({ config, store, isAcceptingTraffic }: PlatformRouteOptions): Route[] {
  const created = Math.floor(Date.now() / 1000);
  return [
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handler: async (_req, res) => {
        if (!isAcceptingTraffic()) return sendJson(res, 503, { status: 'shutting-down' });
        try {
          await store.checkWritable();
          // No database path or error text: /readyz is unauthenticated (load balancers call it).
          sendJson(res, 200, { status: 'ready' });
        } catch {
          sendJson(res, 503, { status: 'not-ready', reason: 'database not writable' });
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/models',
      handler: (_req, res) =>
        sendJson(res, 200, {
          object: 'list',
          data: Object.entries(config.models).map(([id, entry]) => ({
            id,
            object: 'model',
            created,
            owned_by: entry.model.slice(0, entry.model.indexOf(':')),
          })),
        }),
    },
  ];
}
