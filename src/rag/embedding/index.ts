// The embedder interface and the offline LSA embedder live in src/search (shared with memory).
export {
  createLsaEmbedder,
  deserializeLsaModel,
  type Embedder,
  type EmbeddingCache,
  embedWithLsa,
  type FitLsaOptions,
  fitLsaModel,
  type LsaModel,
  serializeLsaModel,
  symmetricEigen,
} from '../../search/index.js';
export { contentHash, createModelEmbedder, type ModelEmbedderOptions } from './create-model-embedder.js';
