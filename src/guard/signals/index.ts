export { benignCorpus } from './benign-corpus.js';
export { benignFrames, hasBenignFrame } from './benign-frames.js';
export {
  type CharLanguageModel,
  charModelBuckets,
  clearSurprisalMemo,
  leastNaturalWindow,
  parseCharLanguageModel,
  serializeCharLanguageModel,
  surprisals,
  symbolsOf,
  trainCharLanguageModel,
  type UnnaturalWindow,
} from './char-language-model.js';
export {
  type HarmfulContext,
  harmfulContext,
  hazardIsTopic,
  insideTechnicalSense,
  operationalCues,
  type SafeContextKind,
  technicalSenses,
  usesTechnicalSense,
} from './harmful-context.js';
export {
  type HarmfulIntent,
  harmfulIntent,
  safeClassifierFactor,
  safeContextFactor,
  topicActFactor,
} from './harmful-intent.js';
export {
  findHazards,
  type HazardCode,
  type HazardMatch,
  hazardNames,
  hazardTerms,
} from './hazard-lexicon.js';
export {
  hostileCues,
  instructionCues,
  isHostileStatement,
  maximumHostileWords,
} from './hostile-statement.js';
export {
  framingCues,
  hasPretext,
  type JailbreakFraming,
  jailbreakFraming,
  pretextCues,
  refusalPreemptionCues,
  responsePrimingCues,
  ruleRemovalCues,
  transgressionCues,
} from './jailbreak-framing.js';
export {
  classifierDiscount,
  jointSoupThreshold,
  jointSuffixShare,
  type PromptSignals,
  pretextIntent,
  promptSignals,
  rolePlayDiscount,
  type SignalEvidence,
  soupThreshold,
} from './prompt-signals.js';
export {
  type ActMatch,
  benignIdioms,
  hasSafeContext,
  insideBenignIdiom,
  requestActs,
  safeContexts,
  strongestAct,
} from './request-acts.js';
export { parseSuffixModel, type SuffixModel, shippedSuffixModel, suffixWeightsFile } from './suffix-model.js';
export { minimumSoupTokens, tokenSoup } from './token-soup.js';
export { suffixFalsePositiveTarget, trainSuffixModel } from './train-suffix-model.js';
