export { type Arrival, arrivalGaps, describeArrival, gamma } from './arrivals.js';
export { type BenchMetrics, calculateMetrics, type Slo } from './calculate-metrics.js';
export { formatTable } from './format-table.js';
export { type GeneratorHealth, healthProbe, starved } from './generator-health.js';
export { htmlReport } from './html-report.js';
export { parseGoodput } from './parse-goodput.js';
export { type Distribution, percentile, summarise } from './percentiles.js';
export { promptsFromFile, syntheticPrompts } from './prompts.js';
export type { RequestRecord } from './request-record.js';
export { type BackendTarget, type LoadOptions, type LoadResult, runLoad } from './run-load.js';
export { runSweep } from './run-sweep.js';
export { type PromptItem, type StreamTarget, streamRequest } from './stream-request.js';
export {
  allowedCpus,
  isolateMainThread,
  isolateThread,
  isolateThreads,
  niceThread,
  parseCpuList,
  placeAllThreads,
  realtimeMainThread,
  type ThreadPlacement,
} from './thread-placement.js';
