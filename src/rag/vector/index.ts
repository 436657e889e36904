// The quantized vector index lives in src/search (shared with memory); rag re-exports it unchanged.
export {
  candidateCount,
  indexCandidateCount,
  type QuantizedSearchOptions,
  type QuantizedState,
  QuantizedVectorIndex,
} from '../../search/index.js';
