// The quantized vector index lives in src/search (shared with memory); rag re-exports it unchanged.
export { type QuantizedSearchOptions, QuantizedVectorIndex } from '../../search/index.js';
