// The embedding model of the semantic cache when caching.semantic.embedder names one ('provider:model'
// or an alias: any OpenAI-compatible /v1/embeddings endpoint), through the embedder interface that
// RAG and memory use; undefined for the offline 'hashed' embedder (the cache embeds by itself).
import type { GantryConfig } from '../../../config/index.js';
import { resolveEmbeddingModel } from '../../../model/index.js';
import { createModelEmbedder } from '../../../rag/embedding/index.js';
import type { Embedder } from '../../../search/index.js';

export function semanticCacheEmbedder(config: GantryConfig): Embedder | undefined {
  const spec = config.caching.semantic.embedder;
  if (spec === 'hashed') return undefined;
  return createModelEmbedder(resolveEmbeddingModel(spec, { config }), {
    id: spec,
    batchSize: 1,
    concurrency: 1,
  });
}
