export {
  type ComparableRun,
  type CompareOptions,
  compareRuns,
  type RunComparison,
  type ScorerDelta,
} from './compare-runs.js';
export { type HtmlReportOptions, toHtmlReport } from './html-report.js';
export { toJsonReport } from './json-report.js';
export { type FrontierPoint, paretoChart } from './pareto-chart.js';
export { barChart, histogram, scatterChart } from './svg-charts.js';
export { formatComparison, formatRunSummary } from './terminal-report.js';
