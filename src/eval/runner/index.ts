export { cacheKey, stableStringify } from './cache-key.js';
export {
  type EvalProgress,
  type EvalResult,
  type EvalRun,
  type RunEvalOptions,
  runEval,
} from './run-eval.js';
export {
  type RunSummary,
  resultPassed,
  type ScorerSummary,
  type StoredScore,
  summariseResults,
} from './summarise-results.js';
export { withTimeout } from './with-timeout.js';
