export { type AgentPolicyOptions, agentPolicy } from './agent-policy.js';
export * from './customer-service/index.js';
export {
  type EnvironmentPolicy,
  type ModelPolicyOptions,
  modelPolicy,
  type PolicyResult,
} from './environment-policy.js';
export * from './research/index.js';
export * from './webshop/index.js';
