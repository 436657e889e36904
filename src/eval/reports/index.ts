export {
  type ComparableRun,
  type CompareOptions,
  compareRuns,
  type RunComparison,
  type ScorerDelta,
} from './compare-runs.js';
export { toHtmlReport } from './html-report.js';
export { toJsonReport } from './json-report.js';
export { barChart, histogram, scatterChart } from './svg-charts.js';
export { formatComparison, formatRunSummary } from './terminal-report.js';
