export { clusterMetricsText, serveClusterMetrics, shareWorkerMetrics } from './cluster-metrics.js';
export { createGatewayMetrics, type GatewayMetrics } from './gateway-metrics.js';
