export {
  HitVerifier,
  type HitVerifierFacts,
  type HitVerifierModel,
  type HitVerifierOptions,
  shippedVerifierModel,
} from './hit-verifier.js';
export { buildIdf, fnv1a, type IdfTable, idfTable, type SerializedIdf } from './idf-table.js';
export {
  type KnownPromptWork,
  pairFeatureNames,
  pairFeatures,
  questionKind,
  type VerifierFacts,
  verifierFacts,
} from './pair-features.js';
