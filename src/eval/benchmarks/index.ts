export { agentBenchTasks, extractAgentBenchAnswer, scoreAgentBench } from './agentbench-tasks.js';
export { type BenchmarkScorerOptions, benchmarkScorer } from './benchmark-scorer.js';
export { type BenchmarkSummary, summariseBenchmark } from './benchmark-summary.js';
export {
  type BenchmarkFormat,
  type BenchmarkTask,
  benchmarkExamples,
  benchmarkFormats,
  isUnscored,
} from './benchmark-task.js';
export { cleanDbAnswer, compareDbAnswers, normaliseDbValue } from './dbbench-compare.js';
export { extractFinalAnswer, gaiaPrompt, gaiaTasks, scoreGaia } from './gaia-tasks.js';
export {
  benchmarkTasksFrom,
  checkBenchmarkFormat,
  detectBenchmarkFormat,
  loadBenchmarkTasks,
  parseBenchmarkTasks,
} from './load-benchmark-tasks.js';
export { parsePythonLiteral, pythonStr } from './python-literal.js';
export { parseTaskRecords, readTaskRecords, type TaskRecord } from './read-task-file.js';
export {
  cleanWebArenaAnswer,
  scoreWebArena,
  webArenaExactMatch,
  webArenaFuzzyMatch,
  webArenaMustInclude,
  webArenaUnachievableMatch,
  webArenaUrlMatch,
} from './webarena-evaluators.js';
export { webArenaTasks } from './webarena-tasks.js';
