export { type BenignHarmReport, evaluateBenignHarm } from './benign-harm-eval.js';
export {
  type BinaryMetrics,
  binaryMetrics,
  fBeta,
  recallAtFalsePositiveRate,
  rocAuc,
  type ScoredExample,
  thresholdAtFalsePositiveRate,
} from './binary-metrics.js';
export { codeHeavyAnswers } from './code-heavy-answers.js';
export { formatEvalReport } from './format-eval-report.js';
export { freshLeakFamilies, freshLeakTransforms, freshPassDevFamilies } from './fresh-leak-transforms.js';
export { leakGate, maximumBenignRewriteRate, type TaskGate, taskGates, unseenLeakGate } from './gates.js';
export {
  buildGroundednessCases,
  type ClaimKind,
  type GroundednessCase,
  readSmartBodies,
  supportedKinds,
  unsupportedKinds,
} from './groundedness-cases.js';
export {
  chooseGroundednessThreshold,
  evaluateGroundedness,
  formatGroundednessEval,
  type GroundednessEvalReport,
  type ScoredClaim,
  scoreGroundednessCases,
} from './groundedness-eval.js';
export { canaryOf, evaluateLeakDetection, type LeakEvalReport, leakTransforms } from './leak-eval.js';
export { kilobyteTexts, type LatencyResult, measureLatency } from './measure-latency.js';
export { evaluateMultilingual, type LanguageResult, type MultilingualPrompts } from './multilingual-eval.js';
export { countPiiTokens, type PiiCounts, type PiiMetrics, piiMetricsFrom } from './pii-metrics.js';
export {
  type DetectorReport,
  evaluatedPiiEntities,
  type GuardEvalOptions,
  type GuardEvalPart,
  type GuardEvalReport,
  guardEvalParts,
  runGuardEval,
} from './run-guard-eval.js';
export {
  evaluateTask,
  formatTaskEval,
  type SourceFigure,
  type TaskEvalOptions,
  type TaskEvalReport,
} from './task-eval.js';
export {
  evaluateUnseenLeaks,
  type LeakScannerFactory,
  type UnseenLeakReport,
  unseenCanaryOf,
} from './unseen-leak-eval.js';
export {
  type LeakTransform,
  splitUnseenFamilies,
  transformRandom,
  unseenLeakTransforms,
  unseenSplitSeed,
} from './unseen-leak-transforms.js';
