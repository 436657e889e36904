export { createSemanticCache } from './create-semantic-cache.js';
export {
  datesGuard,
  entitiesGuard,
  type FalseHitGuard,
  falseHitGuards,
  negationGuard,
  numbersGuard,
  outputFormGuard,
} from './guards/index.js';
export { createHashedEmbedder, type EmbedText } from './hashed-embedder.js';
export { LshIndex, type LshIndexOptions, type LshMatch } from './lsh-index.js';
export { isStopword, type PromptToken, promptTokens, stem } from './prompt-tokens.js';
export {
  type LookupOptions,
  type LookupResult,
  SemanticCache,
  type SemanticCacheOptions,
  type SemanticCacheStats,
} from './semantic-cache.js';
export { semanticCacheEmbedder } from './semantic-embedder.js';
export { type SemanticKey, semanticKey } from './semantic-scope.js';
export {
  HitVerifier,
  type HitVerifierModel,
  type HitVerifierOptions,
  pairFeatureNames,
  shippedVerifierModel,
} from './verifier/index.js';
