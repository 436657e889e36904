export {
  type AsyncGroundednessOptions,
  type ClaimVerdict,
  checkGroundedness,
  checkGroundednessLexical,
  defaultLexicalThreshold,
  type GroundednessOptions,
  type GroundednessReport,
} from './check-groundedness.js';
export { type ClaimTerms, claimTerms, negationWords, normaliseNumber } from './claim-terms.js';
export { groundednessScanner } from './groundedness-scanner.js';
export {
  type GroundednessJudge,
  type JudgeEndpoint,
  judgeModelOf,
  judgePrompt,
  judgeSystemPrompt,
  parseJudgeVerdicts,
} from './judge-support.js';
export { type IndexedPassage, indexPassage, type LexicalSupport, lexicalSupport } from './lexical-support.js';
export { numberedSources } from './numbered-sources.js';
export { type Claim, sentenceSpans, splitClaims } from './split-claims.js';
