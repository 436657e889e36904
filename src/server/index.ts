export {
  createGantryServer,
  type GantryServer,
  type GantryServerOptions,
  type Mount,
} from './create-server.js';
export { sendError, sendJson } from './http-response.js';
export { platformRoutes } from './platform-routes.js';
export { readJsonBody } from './read-json-body.js';
export { createRouter, type Route, type RouteHandler, type Router } from './router.js';
export { exitIfWorker, isClusterPrimary, type RunClusterOptions, runCluster } from './run-cluster.js';
export { type RunServerOptions, runServer } from './run-server.js';
