export { type ConvexCombinationOptions, convexCombination, minMaxNormalise } from './convex-combination.js';
export {
  cosineSimilarity,
  type MmrCandidate,
  type MmrOptions,
  maximalMarginalRelevance,
} from './maximal-marginal-relevance.js';
export { type ReciprocalRankFusionOptions, reciprocalRankFusion } from './reciprocal-rank-fusion.js';
