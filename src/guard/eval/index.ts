export {
  type BinaryMetrics,
  binaryMetrics,
  fBeta,
  recallAtFalsePositiveRate,
  rocAuc,
  type ScoredExample,
  thresholdAtFalsePositiveRate,
} from './binary-metrics.js';
export { formatEvalReport } from './format-eval-report.js';
export { kilobyteTexts, type LatencyResult, measureLatency } from './measure-latency.js';
export { countPiiTokens, type PiiCounts, type PiiMetrics, piiMetricsFrom } from './pii-metrics.js';
export {
  type DetectorReport,
  evaluatedPiiEntities,
  type GuardEvalOptions,
  type GuardEvalReport,
  runGuardEval,
} from './run-guard-eval.js';
