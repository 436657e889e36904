export {
  argumentsMatch,
  costBelow,
  latencyBelow,
  stepCount,
  taskSuccess,
  toolCallCorrectness,
  toolCallsOf,
} from './agent-scorers.js';
export {
  type BleuOptions,
  type BleuResult,
  type BleuSmoothing,
  bleu,
  computeBleu,
  corpusBleu,
  sentenceBleu,
} from './bleu.js';
export { type BleuTokenizerName, bleuTokenize } from './bleu-tokenizers.js';
export { type ChrfOptions, chrf, corpusChrf, sentenceChrf } from './chrf.js';
export {
  bertScore,
  cosineSimilarity,
  embeddingSimilarity,
  greedyMatchScore,
} from './embedding-similarity.js';
export { exactMatch } from './exact-match.js';
export { expectedStrings } from './expected-strings.js';
export { gaiaQuasiExactMatch, gaiaQuestionScorer, parsePythonFloat } from './gaia-quasi-exact-match.js';
export { includes } from './includes.js';
export { jsonSchemaValid } from './json-schema-valid.js';
export { passAtK, passHatK, type TrialCounts } from './pass-at-k.js';
export { porterStem } from './porter-stemmer.js';
export { regexMatch } from './regex-match.js';
export {
  lcsIndices,
  type RougeScore,
  type RougeType,
  rouge,
  rougeScores,
  rougeTokenize,
  summaryLevelLcs,
} from './rouge.js';
export { normaliseSquadAnswer, squadExactMatch, squadF1, squadF1Score } from './squad-f1.js';
