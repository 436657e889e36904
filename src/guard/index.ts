// Guardrails: scanners (pure functions of text + options), policies that gateway hooks and the agent
// loop call without knowing scanner internals, a streaming guard with hold-back, the reversible vault,
// and drift monitoring over recorded guard events.

export type { GuardPolicyConfig, GuardPolicyInput } from '../config/index.js';
export * from './classifier/index.js';
export * from './datasets/index.js';
export * from './eval/index.js';
export * from './grounding/index.js';
export * from './integration/index.js';
export * from './monitor/index.js';
export * from './normalize/index.js';
export * from './onnx/index.js';
export * from './pii/index.js';
export * from './policy/index.js';
export {
  hashReplacement,
  maskReplacement,
  type Replacement,
  redactFindings,
  resolveOverlaps,
} from './redact-findings.js';
export * from './scanners/index.js';
export * from './training/index.js';
export type { Direction, Finding, ScanContext, Scanner, ScanResult } from './types.js';
export * from './vault/index.js';
