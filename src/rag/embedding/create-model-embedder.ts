// Wraps an AI SDK embedding model (OpenAI-compatible /v1/embeddings: Ollama, vLLM, TEI, OpenAI):
// batched, with bounded parallel calls, and cached by content hash.
import { createHash } from 'node:crypto';
import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { embedMany } from 'ai';
import { GantryError } from '../../errors/index.js';
import type { Embedder, EmbeddingCache } from '../../search/index.js';

export interface ModelEmbedderOptions {
  /** Cache and identity key; defaults to `<provider>:<modelId>`. */
  id?: string;
  batchSize?: number;
  concurrency?: number;
  cache?: EmbeddingCache;
}

export function createModelEmbedder(model: EmbeddingModelV3, options: ModelEmbedderOptions = {}): Embedder {
  const { id = `${model.provider}:${model.modelId}`, batchSize = 64, concurrency = 4, cache } = options;
  return {
    id,
    async embed(texts) {
      const hashes = texts.map(contentHash);
      const cached = cache ? await cache.getMany(id, [...new Set(hashes)]) : new Map<string, Float32Array>();
      const missing = new Map<string, string>();
      hashes.forEach((hash, index) => {
        if (!cached.has(hash)) missing.set(hash, texts[index]);
      });
      if (missing.size > 0) {
        const values = [...missing.values()];
        const fresh = new Map<string, Float32Array>();
        for (let start = 0; start < values.length; start += batchSize * concurrency) {
          const slice = values.slice(start, start + batchSize * concurrency);
          let embeddings: number[][];
          try {
            ({ embeddings } = await embedMany({
              model,
              values: slice,
              maxParallelCalls: concurrency,
              maxRetries: 2,
            }));
          } catch (error) {
            throw new GantryError(
              'RAG_EMBEDDING_FAILED',
              `The embedding model ${id} failed: ${(error as Error).message}`,
              {
                hint: 'Check that the embedding endpoint is up and the model name is right (gantry doctor).',
                details: { embedder: id },
                cause: error,
              },
            );
          }
          if (embeddings.length !== slice.length) {
            throw new GantryError(
              'RAG_EMBEDDING_FAILED',
              `The embedding model ${id} returned ${embeddings.length} vectors for ${slice.length} inputs.`,
              {
                hint: 'The endpoint is not OpenAI-compatible; check its /v1/embeddings answer.',
                details: { embedder: id },
              },
            );
          }
          for (const [index, text] of slice.entries())
            fresh.set(contentHash(text), Float32Array.from(embeddings[index]));
        }
        for (const [hash, vector] of fresh) cached.set(hash, vector);
        await cache?.putMany(id, fresh);
      }
      return hashes.map((hash) => cached.get(hash)!);
    },
  };
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
