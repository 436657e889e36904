export {
  demoModelConfig,
  demoModelName,
  demoUpstreamName,
  servesDemoModel,
  wantsDemoModel,
} from './demo-model.js';
export { type EnvOverride, readEnvOverrides } from './env-overrides.js';
export {
  configFileNames,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  parseConfig,
} from './load-config.js';
export { maskSecrets } from './mask-secrets.js';
export { configSchema, type GantryConfig, type GantryConfigInput } from './schema.js';
export type { CachingConfig, SemanticCacheGuardName } from './sections/caching.js';
export type { CostConfig, CostRouteConfig } from './sections/cost.js';
export type {
  GatewayConfig,
  GatewayLimits,
  GatewayRouteConfig,
  GatewayTargetConfig,
  GatewayUpstreamConfig,
} from './sections/gateway.js';
export {
  type GuardConfig,
  type GuardPolicyConfig,
  type GuardPolicyInput,
  guardPolicySchema,
} from './sections/guard.js';
export type { ModelEntry, ProviderEntry } from './sections/models.js';
