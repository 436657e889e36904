// The gateway: `handle(req, res)` serves /v1/* (OpenAI wire format), /metrics and /admin/*. The
// proxied request path is a list of small stages (see pipeline/), composed once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GantryConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { noopTracer, type Tracer } from '../trace/index.js';
import { addCostRoutes } from './add-cost-routes.js';
import { createAdminApi } from './admin/index.js';
import { createApiRoutes } from './api-routes.js';
import { createBatchService } from './batches/index.js';
import { type BuiltRoutes, buildRoutes } from './build-routes.js';
import type { SemanticCache } from './cache/semantic/index.js';
import { createSemanticCache, semanticCacheEmbedder } from './cache/semantic/index.js';
import type { GatewayHooks } from './hooks.js';
import { sendError, sendJson, onResponseClose as whenClosed } from './http/index.js';
import {
  type AuthenticatedKey,
  createKeyService,
  type KeyService,
  readCredential,
  type Scope,
} from './keys/index.js';
import {
  clusterMetricsText,
  createGatewayMetrics,
  type GatewayMetrics,
  shareWorkerMetrics,
} from './metrics/index.js';
import { authenticate } from './pipeline/authenticate.js';
import { batchEmbeddings } from './pipeline/batch-embeddings.js';
import { checkImages } from './pipeline/check-images.js';
import { enforceLimits } from './pipeline/enforce-limits.js';
import { forward } from './pipeline/forward.js';
import { compose, newGatewayContext, type Stage } from './pipeline/gateway-context.js';
import { observeRequest } from './pipeline/observe-request.js';
import { parseRequest } from './pipeline/parse-request.js';
import { resolveRoute } from './pipeline/resolve-route.js';
import { routeByCost } from './pipeline/route-by-cost.js';
import { runRequestHook } from './pipeline/run-request-hook.js';
import { serveFromCache } from './pipeline/serve-from-cache.js';
import { serveFromSemanticCache } from './pipeline/serve-from-semantic-cache.js';
import { createMemoryResponseRepository } from './responses/index.js';
import { createMemoryState, createRedisState, type GatewayState, utcDay } from './state/index.js';
import { ClientAbort, type Endpoint } from './upstream/index.js';
import { createUsageRecorder, type UsageRecorder } from './usage/index.js';

export interface CreateGatewayOptions {
  config: GantryConfig;
  /**
   * `gatewayResponses` stores Responses API answers; without it they are kept in memory. `spans`: when
   * the tracer writes to these, each request's span is kept in its usage row.
   */
  store: Pick<Store, 'gatewayKeys' | 'gatewayUsage' | 'gatewayKeyGrants'> &
    Partial<Pick<Store, 'gatewayResponses' | 'gatewayFiles' | 'gatewayBatches' | 'spans'>>;
  tracer?: Tracer;
  hooks?: GatewayHooks;
  /** Replaces the state chosen by config.gateway.state (tests). */
  state?: GatewayState;
  env?: NodeJS.ProcessEnv;
  /** The key service to share with the rest of the server (one cache, one revocation path). */
  keys?: KeyService;
  /** Told about unexpected (non-Gantry) errors; default: written to stderr. */
  onInternalError?: (error: unknown) => void;
}

export interface Gateway {
  /** Serves one request; returns false when the path is not the gateway's (so the server can 404). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  readonly routes: BuiltRoutes['routes'];
  readonly keys: KeyService;
  readonly metrics: GatewayMetrics | undefined;
  readonly usage: UsageRecorder;
  readonly state: GatewayState;
  /** The semantic cache when enabled (gateway-wide or on a route): invalidate() drops entries. */
  readonly semanticCache: SemanticCache | undefined;
  /** Model ids served (routes and configured models), for /v1/models. */
  modelIds(): string[];
  close(): Promise<void>;
}

const endpoints: Record<string, Endpoint> = {
  '/v1/chat/completions': 'chat',
  '/v1/completions': 'completions',
  '/v1/embeddings': 'embeddings',
};

export async function createGateway(options: CreateGatewayOptions): Promise<Gateway> {
  const { config, store, tracer = noopTracer, hooks = {}, env = process.env } = options;
  const onInternalError =
    options.onInternalError ??
    ((error: unknown) => process.stderr.write(`gantry gateway: ${(error as Error).stack ?? error}\n`));
  const settings = config.gateway;
  const metrics = settings.metrics.enabled ? createGatewayMetrics() : undefined;
  // Under `gantry serve --workers N`, a scrape of one worker shows every worker's metrics merged.
  if (metrics) shareWorkerMetrics(() => metrics.registry.getMetricsAsJSON());
  const state =
    options.state ??
    (settings.state.kind === 'redis'
      ? await createRedisState({
          url: settings.state.url,
          prefix: settings.state.prefix,
          lease: settings.state.lease ? {} : false,
        })
      : createMemoryState({ cacheMaxEntries: settings.cache.maxEntries }));
  const built = await buildRoutes(config, {
    env,
    onBreakerChange: metrics ? (target, s) => metrics.breakerState(target, s) : undefined,
  });
  const costPlans = addCostRoutes(config, built.routes);
  const keys =
    options.keys ??
    createKeyService(store.gatewayKeys, {
      grants: store.gatewayKeyGrants,
      unknownKeyCacheEntries: config.security.unknownKeyCacheEntries,
    });
  const usage = createUsageRecorder({
    repository: store.gatewayUsage,
    ...settings.usage,
    onError: onInternalError,
  });
  const adminKey = settings.auth.adminKey ?? env[settings.auth.adminKeyEnv];
  const admin = createAdminApi({ adminKey, keys, usage: store.gatewayUsage, state });
  const seeded = new Set<string>();
  const healthTimers = startHealthChecks(config, built);

  const observe = observeRequest({
    metrics,
    usage,
    tracer,
    onInternalError,
    authRequired: settings.auth.required || config.security.requireAuth,
    // One record per request when the tracer writes to this store: the span inside the usage row.
    spansInUsageRows: tracer.storeSpans !== undefined && tracer.storeSpans === store.spans,
  });
  const authenticateKey = authenticate({
    keys,
    required: settings.auth.required || config.security.requireAuth,
    defaultLimits: settings.defaultLimits,
  });
  const imageCheck = checkImages(settings.images);
  const routeResolver = resolveRoute(built.routes);
  const limits = enforceLimits({
    state,
    tenantLimits: (tenant) =>
      Object.hasOwn(config.security.tenants, tenant) ? config.security.tenants[tenant].limits : undefined,
    onLimited: metrics ? (limit) => metrics.limited(limit) : undefined,
    seedSpend(keyId) {
      if (seeded.has(keyId)) return undefined;
      seeded.add(keyId);
      return (async () => {
        const now = Date.now();
        const total = await store.gatewayUsage.totalsForKey(keyId);
        const today = await store.gatewayUsage.totalsForKey(keyId, utcDay(now));
        await state.seedSpend(keyId, total.costUsd, today.costUsd, now);
      })();
    },
  });
  const requestHook = hooks.beforeUpstream || hooks.response ? runRequestHook(hooks) : undefined;
  const stages: Stage[] = [
    observe,
    authenticateKey,
    parseRequest({
      bodyLimitBytes: config.server.bodyLimitBytes,
      maximumDepth: config.security.maximumJsonDepth,
    }),
    imageCheck,
    routeResolver,
    limits,
  ];
  if (requestHook) stages.push(requestHook);
  if (settings.cache.enabled) {
    stages.push(
      serveFromCache({
        state,
        mode: settings.cache.mode,
        ttlMs: settings.cache.ttlMs,
        maxEntryBytes: settings.cache.maxEntryBytes,
        metrics,
      }),
    );
  }
  if (config.caching.embeddingBatching.enabled)
    stages.push(
      batchEmbeddings({
        windowMs: config.caching.embeddingBatching.windowMs,
        maxInputs: config.caching.embeddingBatching.maxInputs,
      }),
    );
  const semanticCache = createSemanticCache(config.caching.semantic);
  if (semanticCache)
    stages.push(
      serveFromSemanticCache({
        cache: semanticCache,
        settings: config.caching.semantic,
        metrics,
        embedder: semanticCacheEmbedder(config),
      }),
    );
  if (costPlans.size > 0) stages.push(routeByCost(costPlans, built.routes));
  stages.push(forward({ metrics }));
  const run = compose(stages);
  const overheadHeader = settings.overheadHeader;

  /** 'simulator' for a route served only by in-process simulators (the demo model), so nobody mistakes it. */
  function ownerOf(id: string): string {
    const targets = Object.hasOwn(settings.routes, id) ? settings.routes[id].targets : [];
    const simulated =
      targets.length > 0 && targets.every((t) => settings.upstreams[t.upstream]?.type === 'simulator');
    return simulated ? 'simulator' : 'gantry';
  }

  function modelIds(): string[] {
    return [...new Set([...built.routes.keys(), ...Object.keys(config.models)])];
  }

  const authRequired = settings.auth.required || config.security.requireAuth;
  /** The caller's key for the non-proxied routes; throws when one is required and absent or lacks `scope`. */
  async function caller(
    req: IncomingMessage,
    scope: Scope,
    required = authRequired,
  ): Promise<AuthenticatedKey | undefined> {
    const secret = readCredential(req.headers);
    const key = secret ? await keys.authenticate(secret) : undefined;
    if (!key) {
      if (!required) return undefined;
      throw new GantryError('GATEWAY_AUTH_REQUIRED', 'The request carries no valid API key.', {
        hint: "Send 'Authorization: Bearer <key>'.",
      });
    }
    if (!key.scopes.includes(scope)) {
      throw new GantryError('AUTH_SCOPE_FORBIDDEN', `This API key lacks the '${scope}' scope.`, {
        details: { scope },
      });
    }
    return key;
  }

  function proxy(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): void {
    const abort = new ClientAbort();
    const context = newGatewayContext({
      req,
      res,
      endpoint,
      abort,
      limits: settings.defaultLimits,
      overheadHeader,
    });
    // A client that goes away cancels the upstream request (and frees its connection). One shared
    // function (no closure per request), called from the server's own 'close' listener when it has
    // one (http/response-close.ts); 'close' is emitted once, so `on` is enough otherwise.
    (res as Aborting)[clientAbort] = abort;
    whenClosed(res, onResponseClose);
    run(context).catch(onInternalError);
  }

  const apiRoutes = createApiRoutes({
    stages: {
      observe,
      authenticate: authenticateKey,
      checkImages: imageCheck,
      resolveRoute: routeResolver,
      enforceLimits: limits,
      requestHook,
    },
    metrics,
    bodyLimitBytes: config.server.bodyLimitBytes,
    maximumDepth: config.security.maximumJsonDepth,
    defaultLimits: settings.defaultLimits,
    overheadHeader,
    responses: store.gatewayResponses ?? createMemoryResponseRepository(),
    caller,
    onInternalError,
    media: settings.media,
  });

  // /v1/files and /v1/batches, on a store that has the batches domain.
  const batchService = createBatchService({
    store,
    settings: settings.batches,
    routes: built.routes,
    state,
    usage,
    keys,
    defaultLimits: settings.defaultLimits,
    bodyLimitBytes: config.server.bodyLimitBytes,
    caller: (req, scope) => caller(req, scope),
    onInternalError,
  });

  return {
    handle(req, res) {
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      const endpoint = endpoints[path];
      if (endpoint) {
        if (req.method !== 'POST') {
          sendError(
            res,
            new GantryError('ROUTE_NOT_FOUND', `${path} accepts POST only.`, {
              hint: 'Send a POST request with a JSON body.',
            }),
          );
          return true;
        }
        proxy(req, res, endpoint);
        return true;
      }
      if (apiRoutes(req, res, path)) return true;
      if (batchService?.handle(req, res, path)) return true;
      if (path === '/v1/models' && req.method === 'GET') {
        caller(req, 'gateway').then(
          (key) => {
            const created = Math.floor(Date.now() / 1000);
            // A key restricted to some models sees only those.
            const ids = key?.models ? modelIds().filter((id) => key.models?.includes(id)) : modelIds();
            const data = ids.map((id) => ({ id, object: 'model', created, owned_by: ownerOf(id) }));
            sendJson(res, 200, JSON.stringify({ object: 'list', data }));
          },
          (error) => sendError(res, error),
        );
        return true;
      }
      if (path === '/metrics' && req.method === 'GET' && metrics) {
        (config.security.metricsRequireAuth ? caller(req, 'admin', true) : Promise.resolve(undefined))
          .then(() => clusterMetricsText(() => metrics.render()))
          .then(
            (text) => {
              res.writeHead(200, { 'content-type': metrics.contentType });
              res.end(text);
            },
            (error) => sendError(res, error),
          );
        return true;
      }
      if (path.startsWith('/admin/')) {
        admin(req, res, path).catch((error) => sendError(res, error));
        return true;
      }
      return false;
    },
    routes: built.routes,
    keys,
    metrics,
    usage,
    state,
    semanticCache,
    modelIds,
    async close() {
      for (const timer of healthTimers) clearInterval(timer);
      await batchService?.close();
      await usage.close();
      await Promise.all([...built.upstreams.values()].map((u) => u.close()));
      await Promise.all(built.simulators.map((s) => s.close()));
      if (!options.state) await state.close();
    },
  };
}

const clientAbort = Symbol('gantry.clientAbort');
type Aborting = ServerResponse & { [clientAbort]?: ClientAbort };

function onResponseClose(this: Aborting): void {
  if (!this.writableFinished) this[clientAbort]?.abort(new Error('client disconnected'));
}

/** Active health checks: a failed probe counts as a failure of each target on that upstream. */
function startHealthChecks(config: GantryConfig, built: BuiltRoutes): NodeJS.Timeout[] {
  const timers: NodeJS.Timeout[] = [];
  for (const [name, entry] of Object.entries(config.gateway.upstreams)) {
    const upstream = built.upstreams.get(name);
    if (!entry.healthCheck || !upstream?.probe) continue;
    const targets = [...built.routes.values()]
      .flatMap((r) => r.targets)
      .filter((t) => t.upstream === upstream);
    const timer = setInterval(async () => {
      const healthy = await upstream.probe?.(
        Math.min(entry.timeoutMs, entry.healthCheck?.intervalMs ?? 10_000),
      );
      if (!healthy) for (const t of targets) t.breaker.recordFailure('pass');
    }, entry.healthCheck.intervalMs);
    timer.unref();
    timers.push(timer);
  }
  return timers;
}
