export {
  type BenchmarkOptions,
  type BenchmarkProgress,
  type BenchmarkResult,
  benchmarkTestCollection,
} from './benchmark-test-collection.js';
export {
  evaluateRetrieval,
  type RetrievalScores,
  type RetrievalSystem,
  type SystemEvaluation,
} from './evaluate-retrieval.js';
export { formatTrecQrels, formatTrecRun } from './format-trec-run.js';
export {
  answerRelevancy,
  contextPrecision,
  contextPrecisionFromVerdicts,
  contextRecall,
  faithfulness,
  type RagasSample,
} from './ragas-metrics.js';
export {
  averagePrecision,
  type Judgments,
  ndcgAtK,
  recallAtK,
  reciprocalRankAtK,
} from './retrieval-metrics.js';
