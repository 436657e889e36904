// Opens a collection as the configuration describes it (embedder, chunker, BM25 parameters): what the
// CLI and the HTTP API share.
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { resolveEmbeddingModel } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import { markdownChunker, recursiveTokenChunker, sentenceWindowChunker } from '../chunking/index.js';
import { createModelEmbedder, type Embedder } from '../embedding/index.js';
import type { LoadedDocument } from '../loading/index.js';
import { openRagCollection, type RagCollection } from './rag-collection.js';

export interface ConfiguredCollectionOptions {
  store: Pick<Store, 'ragDocuments' | 'ragVectors'>;
  config: GantryConfig;
  name?: string;
  /** Overrides config.rag.embedder ('lsa', 'none', 'provider:model' or an alias). */
  embedder?: string;
  /** Refuse a collection that does not exist yet instead of creating it (search, ask: reading never creates). */
  mustExist?: boolean;
}

export async function openConfiguredCollection(options: ConfiguredCollectionOptions): Promise<RagCollection> {
  const { store, config } = options;
  const rag = config.rag;
  const name = options.name ?? rag.collection;
  const existing = await store.ragDocuments.getCollection(name);
  if (!existing && options.mustExist) {
    const known = (await store.ragDocuments.listCollections()).map((c) => c.name);
    throw new GantryError('RAG_COLLECTION_NOT_FOUND', `There is no collection named "${name}".`, {
      hint:
        known.length > 0
          ? `Known collections: ${known.join(', ')}. Or create it: gantry ingest <path> --collection ${name}.`
          : `Create it first: gantry ingest <path> --collection ${name}.`,
      details: { name, known },
    });
  }
  // A collection keeps the embedder it was built with (none, if it was built without one).
  let stored: string | undefined;
  if (existing?.embedder) stored = storedSpec(existing.embedder);
  else if (existing && (await store.ragDocuments.countChunks(existing.id)) > 0) stored = 'none';
  const spec = options.embedder ?? stored ?? rag.embedder;
  const embedder = embedderFor(spec, config, store);
  const sizes = { size: rag.chunkSize, overlap: rag.chunkOverlap };
  const chunkerFor = (document: LoadedDocument) => {
    switch (rag.chunker) {
      case 'recursive':
        return recursiveTokenChunker(sizes);
      case 'markdown':
        return markdownChunker(sizes);
      case 'sentence-window':
        return sentenceWindowChunker();
      default:
        return document.format === 'markdown' || document.format === 'html'
          ? markdownChunker(sizes)
          : recursiveTokenChunker(sizes);
    }
  };
  return openRagCollection({
    store,
    name,
    embedder,
    lsaDimension: rag.lsaDimension,
    chunkerFor,
    bm25: rag.bm25,
    approximateAbove: rag.approximateAbove,
  });
}

function storedSpec(embedderId: string): string {
  return embedderId.startsWith('lsa:') ? 'lsa' : embedderId;
}

function embedderFor(
  spec: string,
  config: GantryConfig,
  store: Pick<Store, 'ragDocuments' | 'ragVectors'>,
): Embedder | 'lsa' | undefined {
  if (spec === 'lsa') return 'lsa';
  if (spec === 'none') return undefined;
  const model = resolveEmbeddingModel(spec, { config });
  return createModelEmbedder(model, {
    id: spec,
    cache: {
      getMany: (embedderId, hashes) => store.ragVectors.cachedEmbeddings(embedderId, hashes),
      putMany: (embedderId, entries) => store.ragVectors.cacheEmbeddings(embedderId, entries),
    },
  });
}
