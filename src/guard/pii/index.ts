export {
  isBase58CheckValid,
  isBech32Valid,
  isIbanValid,
  isIpAddress,
  isLuhnValid,
  isSsnValid,
} from './checksums.js';
export {
  clearTaggerMemo,
  shippedEntityTagger,
  tagEntities,
  taggerClasses,
  taggerDimension,
} from './entity-tagger.js';
export { type PiiScannerOptions, piiEntities, piiScanner } from './pii-scanner.js';
export { defaultPhoneRegions, phoneValidator, type Recognizer, recognizers } from './recognizers.js';
export {
  commonWordBuckets,
  commonWordHash,
  type PreparedTokens,
  prepareTokens,
  tokenFeatureIndices,
  tokenFeatures,
  wordShape,
} from './token-features.js';
export { type Token, tokenize } from './tokenize.js';
