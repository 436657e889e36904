export {
  candidateCount,
  type QuantizedIndexOptions,
  type QuantizedSearchOptions,
  type QuantizedState,
  QuantizedVectorIndex,
} from './quantized-vector-index.js';
