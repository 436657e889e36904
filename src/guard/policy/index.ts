export {
  assertNotBlocked,
  createGuardPolicy,
  type GuardPolicy,
  type PolicyAction,
  type PolicyDecision,
  type PolicyFinding,
  type PolicyRule,
  type RuleAction,
  strongest,
} from './create-guard-policy.js';
export { createPolicyResolver, type PolicyResolver, type PolicySelector } from './create-policy-resolver.js';
export {
  createStreamGuard,
  type StreamGuard,
  type StreamGuardOptions,
  type StreamStep,
} from './create-stream-guard.js';
export { buildModelRules, type ModelPolicyRule, runModelRules } from './model-rules.js';
export { quarantine, untrustedClose, untrustedOpen } from './quarantine.js';
