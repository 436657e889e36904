export { type QuantizedSearchOptions, QuantizedVectorIndex } from './quantized-vector-index.js';
