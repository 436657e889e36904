export { bannedSubstringsScanner, bannedTopicsScanner } from './banned-substrings-scanner.js';
export { clearGuardMemos } from './clear-guard-memos.js';
export {
  type HeuristicMatch,
  harmfulHeuristics,
  injectionHeuristics,
  jailbreakHeuristics,
} from './injection-heuristics.js';
export {
  harmfulRequestScanner,
  type InjectionScannerOptions,
  injectionScanner,
  injectionScore,
  jailbreakScanner,
  operatingThreshold,
  shippedInjectionModel,
  taskScanner,
  taskScore,
} from './injection-scanner.js';
export { invisibleTextScanner } from './invisible-text-scanner.js';
export { type LeakSecrets, leakJudgePrompt, parseLeakVerdict } from './leak-judge-prompt.js';
export {
  type CanaryMatch,
  findCanaries,
  leakViews,
  minimumCanarySkeleton,
  skeleton,
  skeletonOverlap,
  spelledSkeleton,
} from './leak-matching.js';
export { hazardCategories, llamaGuardPrompt, parseLlamaGuardVerdict } from './llama-guard-prompt.js';
export {
  type AsyncScanner,
  type ModelScannerOptions,
  modelScanner,
  validateModelScannerOptions,
} from './model-scanner.js';
export { multilingualJailbreakMatches, multilingualOverrideMatches } from './multilingual-heuristics.js';
export { jsonValidityScanner, promptLeakScanner, urlScanner } from './output-checks.js';
export {
  clearPromptTaskCache,
  minimumInjectionWords,
  minimumJailbreakWords,
  type PromptTaskScores,
  type ScoreOptions,
  scorePromptTasks,
  shippedTaskModels,
  type TaskEvidence,
  type TaskModels,
  type TaskScore,
  taskWeightFiles,
} from './prompt-task-scores.js';
export { secretPatterns } from './secret-patterns.js';
export { type SecretsScannerOptions, secretsScanner, shannonEntropy } from './secrets-scanner.js';
export { shippedToxicityModel, toxicityScanner, toxicityScore } from './toxicity-scanner.js';
