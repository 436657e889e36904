export { type Analyzer, type AnalyzerOptions, analyzeText, createAnalyzer } from './analyze-text.js';
export { luceneEnglishStopwords } from './english-stopwords.js';
export { porterStem } from './porter-stemmer.js';
