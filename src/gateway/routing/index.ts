export { backoffDelay } from './backoff.js';
export {
  type CallRouteOptions,
  callRoute,
  carriesToken,
  type RouteCall,
  type RoutedResponse,
} from './call-route.js';
export {
  type BreakerDecision,
  type BreakerState,
  CircuitBreaker,
  type CircuitBreakerOptions,
} from './circuit-breaker.js';
export { affinityKey, prefixAffinityOrder } from './prefix-affinity.js';
export type { Route } from './route.js';
export { type RouteTarget, recordLatency } from './route-target.js';
export { createStrategy, type Strategy, type StrategyName } from './strategies.js';
