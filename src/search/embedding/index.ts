export { createLsaEmbedder } from './create-lsa-embedder.js';
export type { Embedder, EmbeddingCache } from './embedder.js';
export { embedWithLsa, type FitLsaOptions, fitLsaModel, type LsaModel } from './lsa-model.js';
export { deserializeLsaModel, serializeLsaModel } from './serialize-lsa-model.js';
export { symmetricEigen } from './symmetric-eigen.js';
