// The HTTP server: routes, protective timeouts and limits, and a graceful shutdown that stops taking
// new requests, lets in-flight ones finish (up to a deadline), then closes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GantryConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import { type CloseHookResponse, closeHook, createKeyService, type KeyService } from '../gateway/index.js';
import type { Store } from '../store/index.js';
import {
  checkExposure,
  createAdmission,
  createPlatformAuth,
  type PlatformAuth,
  requireScope,
  scopeForPath,
  setPrincipal,
} from './auth/index.js';
import { sendError } from './http-response.js';
import { platformRoutes } from './platform-routes.js';
import { createRouter, type Route } from './router.js';

/** Handles requests under a path prefix before the route table (the gateway mounts /v1 here). */
export interface Mount {
  prefix: string;
  /** Returns false when it does not serve this path, so that the route table is tried. */
  handle(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
}

export interface GantryServerOptions {
  config: GantryConfig;
  store: Store;
  routes?: Route[];
  mounts?: Mount[];
  /** Called once, after in-flight requests are drained, before the process may exit. */
  onClose?: () => Promise<void>;
  /** The key service shared with the gateway (default: one over store.gatewayKeys). */
  keys?: KeyService;
  /** Replaces the authentication of /api/* (embedding programs). */
  auth?: PlatformAuth;
}

export interface GantryServer {
  readonly server: Server;
  listen(): Promise<{ host: string; port: number; url: string }>;
  /** Graceful: stop accepting, drain in-flight requests (up to server.shutdownTimeoutMs), close. */
  close(): Promise<{ drained: boolean }>;
  readonly inFlight: number;
}

export function createGantryServer({
  config,
  store,
  routes = [],
  mounts = [],
  onClose,
  keys,
  auth,
}: GantryServerOptions): GantryServer {
  const admission = createAdmission(config);
  const authenticate =
    auth ??
    createPlatformAuth({
      config,
      keys:
        keys ??
        createKeyService(store.gatewayKeys, {
          grants: store.gatewayKeyGrants,
          unknownKeyCacheEntries: config.security.unknownKeyCacheEntries,
        }),
    });
  let accepting = true;
  let inFlight = 0;
  let drainedResolve: (() => void) | undefined;
  const router = createRouter([
    ...platformRoutes({ config, store, isAcceptingTraffic: () => accepting }),
    ...routes,
  ]);

  const server = createServer({
    headersTimeout: config.server.headersTimeoutMs,
    requestTimeout: config.server.requestTimeoutMs,
    // Node checks those deadlines on this period (30 s by default), which would let slow clients linger.
    connectionsCheckingInterval: Math.min(1000, config.server.headersTimeoutMs),
  });
  server.keepAliveTimeout = 5_000;

  // One shared 'close' listener (no closure per request); 'close' is emitted once per response. It
  // also calls a mount's close hook (the gateway's), so that a response has one listener, not two.
  function onResponseClose(this: CloseHookResponse): void {
    inFlight--;
    if (inFlight === 0) drainedResolve?.();
    const hook = this[closeHook];
    if (hook !== undefined) hook.call(this);
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    (res as CloseHookResponse)[closeHook] = undefined;
    res.on('close', onResponseClose);
    if (!accepting) res.setHeader('connection', 'close');
    dispatch(req, res);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    } else socket.destroy();
  });

  // Synchronous while mounts answer synchronously (the gateway does): no promise per request.
  function dispatch(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    // Host and Origin first, for every route: nothing is read from a request that fails them.
    const refused = admission(req);
    if (refused) {
      req.resume();
      sendError(res, refused);
      return;
    }
    tryMounts(req, res, query === -1 ? url : url.slice(0, query), 0);
  }

  function tryMounts(req: IncomingMessage, res: ServerResponse, path: string, from: number): void {
    try {
      for (let index = from; index < mounts.length; index++) {
        const mount = mounts[index];
        if (!path.startsWith(mount.prefix)) continue;
        const handled = mount.handle(req, res);
        if (handled === true) return;
        if (handled !== false) {
          handled.then(
            (done) => (done ? undefined : tryMounts(req, res, path, index + 1)),
            (error) => sendError(res, error),
          );
          return;
        }
      }
      route(req, res, path).catch((error) => sendError(res, error));
    } catch (error) {
      sendError(res, error);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = router.match(req.method ?? 'GET', path);
    if (match === undefined || match === 'method-not-allowed') {
      req.resume();
      const what = match === undefined ? 'No route' : `Method ${req.method} is not allowed`;
      throw new GantryError('ROUTE_NOT_FOUND', `${what} for ${path.slice(0, 200)}.`, {
        hint: 'See docs/ for the API; GET /v1/models lists the models.',
      });
    }
    if (path.startsWith('/api/')) {
      // Authenticated before the handler reads a byte of the body.
      try {
        setPrincipal(req, await authenticate(req));
        const scope = scopeForPath(path);
        if (scope) requireScope(req, scope);
      } catch (error) {
        req.resume();
        throw error;
      }
    }
    await match.handler(req, res, match.params);
  }

  return {
    server,
    get inFlight() {
      return inFlight;
    },
    listen() {
      try {
        checkExposure(config);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException) =>
          reject(
            new GantryError(
              'SERVER_LISTEN_FAILED',
              `Cannot listen on ${config.server.host}:${config.server.port}: ${error.message}`,
              {
                hint:
                  error.code === 'EADDRINUSE'
                    ? 'Another process uses this port: stop it, or choose another with --port or GANTRY_PORT.'
                    : 'Check server.host and server.port in the configuration.',
                details: { host: config.server.host, port: config.server.port, errno: error.code },
                cause: error,
              },
            ),
          );
        server.once('error', onError);
        server.listen(config.server.port, config.server.host, () => {
          server.off('error', onError);
          const { address, port } = server.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          resolve({ host: address, port, url: `http://${host}:${port}` });
        });
      });
    },
    async close() {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let drained = true;
      if (inFlight > 0) {
        const allDone = new Promise<void>((resolve) => {
          drainedResolve = resolve;
        });
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), config.server.shutdownTimeoutMs);
        });
        drained = (await Promise.race([allDone, deadline])) !== 'timeout';
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
      await onClose?.();
      return { drained };
    },
  };
}
