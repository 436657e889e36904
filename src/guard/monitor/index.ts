export {
  compareWindows,
  type DriftMetric,
  type DriftReport,
  type DriftThresholds,
  evidentlyThresholds,
  proportionTest,
} from './compare-windows.js';
export {
  createGuardMonitor,
  type GuardMonitor,
  type RecordOptions,
  type ReportOptions,
  sendDriftAlert,
  type WindowReport,
} from './create-guard-monitor.js';
export {
  centroid,
  centroidDistance,
  jensenShannonDistance,
  kolmogorovSmirnov,
  maximumMeanDiscrepancy,
  populationStabilityIndex,
} from './drift-statistics.js';
export { detectLanguage, isRefusal, type TrafficFeatures, trafficFeatures } from './traffic-features.js';
