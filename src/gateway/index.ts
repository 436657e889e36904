// Gantry's OpenAI-compatible gateway: routing, fallbacks, breakers, keys, limits, cache, metrics.
export { createAdminApi } from './admin/index.js';
export {
  AnthropicStreamTranslator,
  createAnthropicUpstream,
  fromAnthropicMessage,
  toAnthropicRequest,
} from './anthropic/index.js';
export { type BuiltRoutes, buildRoutes } from './build-routes.js';
export { cacheKey, isCacheable } from './cache/index.js';
export { type CreateGatewayOptions, createGateway, type Gateway } from './create-gateway.js';
export type {
  BeforeUpstreamResult,
  DeltaResult,
  GatewayHooks,
  HookRequestContext,
  ResponseFilter,
} from './hooks.js';
export {
  type CloseHookResponse,
  closeHook,
  isJsonMediaType,
  jsonDepthExceeds,
  mediaTypeError,
  onResponseClose,
  tooDeepError,
} from './http/index.js';
export {
  type AuthenticatedKey,
  type CreatedKey,
  checkScopes,
  checkTenant,
  createKeyService,
  hashKey,
  isScope,
  type KeyService,
  type KeyServiceOptions,
  maximumSecretLength,
  readCredential,
  type Scope,
  scopes,
} from './keys/index.js';
export { createGatewayMetrics, type GatewayMetrics } from './metrics/index.js';
export type { GatewayEndpoint } from './pipeline/gateway-context.js';
export {
  type BreakerState,
  backoffDelay,
  CircuitBreaker,
  callRoute,
  createStrategy,
  type Route,
  type RouteTarget,
  type StrategyName,
} from './routing/index.js';
export {
  createSimulator,
  type Simulator,
  type SimulatorFault,
  type SimulatorOptions,
  type SimulatorStats,
} from './simulator/index.js';
export { SseParser } from './sse/index.js';
export {
  type Admission,
  createLeases,
  createMemoryState,
  createRedisState,
  type GatewayState,
  type LeaseCall,
  type LeaseOptions,
  leaseScript,
} from './state/index.js';
export { createOpenAICompatibleUpstream, type Upstream, UpstreamFailure } from './upstream/index.js';
export { createUsageRecorder, type UsageRecorder } from './usage/index.js';
