// Text analysis lives in src/search (shared with memory); rag re-exports it unchanged.
export {
  type Analyzer,
  type AnalyzerOptions,
  analyzeText,
  createAnalyzer,
  luceneEnglishStopwords,
  porterStem,
} from '../../search/index.js';
