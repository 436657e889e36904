export { indexCandidateCount, ivfOversample } from './candidate-count.js';
export { CoarseQuantizer, type CoarseState } from './coarse-quantizer.js';
export { nearestCentroid, normalizeRows, sphericalKMeans } from './kmeans.js';
export { blockSizeFor } from './quantized-blocks.js';
export { decodeQuantized, encodeQuantized, quantizedSnapshotVersion } from './quantized-snapshot.js';
export {
  candidateCount,
  defaultProbes,
  type QuantizedBlock,
  type QuantizedIndexOptions,
  type QuantizedSearchOptions,
  type QuantizedState,
  QuantizedVectorIndex,
} from './quantized-vector-index.js';
