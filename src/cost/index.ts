// Cost levers above the model server: per-request routing, cascades, prompt shrinking, reports.

export { answerFeatureNames, answerFeatures, verifierFeatureNames } from './answer-features.js';
export {
  type CascadePolicy,
  type CascadeStep,
  settleCascade,
  skipsCheapTier,
} from './cascade-policy.js';
export {
  type CascadeChecks,
  type CascadeVerdict,
  type CheapSample,
  cascadeVerdict,
} from './cascade-verdict.js';
export {
  type CompressedContext,
  type CompressOptions,
  compressContext,
  reorderForLongContext,
  splitSentences,
} from './compress-context.js';
export {
  buildCostReport,
  type CostReport,
  type CostReportWindow,
  parseReportTime,
  type SpendLine,
} from './cost-report.js';
export { type CostRoutePlan, costRoutePlan } from './cost-route-plan.js';
export { denseFeatureNames, type FeatureOptions, fnv1a, promptFeatures, requestText } from './features.js';
export {
  areaUnderCurve,
  averagePerformanceGapRecovered,
  costForQuality,
  type OperatingPoint,
  paretoFrontier,
  routerCurve,
  strongShareForQuality,
} from './frontier.js';
export { loadClassifier, shippedClassifiers } from './load-weights.js';
export { type LogisticModel, predictLogistic, type TrainOptions, trainLogistic } from './logistic-model.js';
export {
  createRouter,
  type RouteDecision,
  type Router,
  type RouterOptions,
  type RouterRule,
  type Tier,
} from './router.js';
