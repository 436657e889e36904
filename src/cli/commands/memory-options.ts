// createMemory's options from the `memory` configuration section (src/config/sections/memory.ts).
import type { GantryConfig } from '../../config/index.js';
import type { MemoryOptions } from '../../memory/index.js';
import { resolveEmbeddingModel, resolveModel } from '../../model/index.js';
import { createModelEmbedder } from '../../rag/index.js';
import type { Store } from '../../store/index.js';

const day = 86_400_000;

export function memoryOptionsFromConfig(config: GantryConfig, store: Pick<Store, 'memory'>): MemoryOptions {
  const { embedder, model, weights, ttl, extractFacts, indexMaxAgeSeconds } = config.memory;
  return {
    store,
    embedder:
      embedder === 'none'
        ? undefined
        : createModelEmbedder(resolveEmbeddingModel(embedder, { config }), { id: embedder }),
    model: model ? resolveModel(model, { config }) : undefined,
    weights,
    ttl: {
      episodesMs: ttl.episodesDays !== undefined ? ttl.episodesDays * day : undefined,
      factsMs: ttl.factsDays !== undefined ? ttl.factsDays * day : undefined,
    },
    extractFacts,
    indexMaxAgeMs: indexMaxAgeSeconds !== undefined ? indexMaxAgeSeconds * 1000 : undefined,
  };
}
