export { bannedSubstringsScanner, bannedTopicsScanner } from './banned-substrings-scanner.js';
export { type HeuristicMatch, injectionHeuristics } from './injection-heuristics.js';
export {
  type InjectionScannerOptions,
  injectionScanner,
  injectionScore,
  operatingThreshold,
  shippedInjectionModel,
} from './injection-scanner.js';
export { invisibleTextScanner } from './invisible-text-scanner.js';
export { type AsyncScanner, type ModelScannerOptions, modelScanner } from './model-scanner.js';
export { jsonValidityScanner, promptLeakScanner, urlScanner } from './output-checks.js';
export { secretPatterns } from './secret-patterns.js';
export { type SecretsScannerOptions, secretsScanner, shannonEntropy } from './secrets-scanner.js';
export { shippedToxicityModel, toxicityScanner, toxicityScore } from './toxicity-scanner.js';
