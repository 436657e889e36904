// Embeddings from a local GGUF (an embedding model such as nomic-embed-text or bge, or any model).
import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { type LlamaModelSettings, llamaEngineFor } from './llama-language-model.js';

export function createLlamaEmbeddingModel(
  modelId: string,
  settings: LlamaModelSettings = {},
): EmbeddingModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'llama',
    modelId,
    maxEmbeddingsPerCall: 64,
    supportsParallelCalls: false,
    async doEmbed({ values }) {
      const context = await (await llamaEngineFor(modelId, settings)).embeddingContext();
      const embeddings: number[][] = [];
      let tokens = 0;
      for (const text of values) {
        const embedding = await context.getEmbeddingFor(text);
        embeddings.push([...embedding.vector]);
        tokens += Math.ceil(text.length / 4);
      }
      return { embeddings, usage: { tokens }, warnings: [] };
    },
  };
}
