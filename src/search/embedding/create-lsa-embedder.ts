// The offline default embedder: LSA fitted on the collection itself; no weights, no network.
import type { Embedder } from './embedder.js';
import { embedWithLsa, type LsaModel } from './lsa-model.js';

export function createLsaEmbedder(model: LsaModel): Embedder {
  return {
    id: `lsa:${model.dimension}`,
    async embed(texts) {
      return texts.map((text) => embedWithLsa(model, text));
    },
  };
}
