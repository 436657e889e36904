// The embedder a stored collection was built with: its LSA model restored from the collection row, or
// the requested embedder after checking it is the one the collection's vectors came from.
import { GantryError } from '../../errors/index.js';
import type { RagCollectionRecord } from '../../store/index.js';
import { createLsaEmbedder, deserializeLsaModel, type Embedder } from '../embedding/index.js';

export async function restoreEmbedder(
  collection: RagCollectionRecord,
  requested: Embedder | 'lsa' | undefined,
): Promise<Embedder | undefined> {
  if (collection.embedder?.startsWith('lsa:') && collection.embedderState) {
    if (requested !== undefined && requested !== 'lsa' && requested.id !== collection.embedder) {
      throw mismatch(collection, requested.id);
    }
    return createLsaEmbedder(deserializeLsaModel(collection.embedderState));
  }
  if (requested === 'lsa') {
    if (collection.embedder) throw mismatch(collection, 'lsa');
    return undefined; // fitted on the first ingest
  }
  if (requested && collection.embedder && requested.id !== collection.embedder)
    throw mismatch(collection, requested.id);
  return requested;
}

function mismatch(collection: RagCollectionRecord, requested: string): GantryError {
  return new GantryError(
    'RAG_DIMENSION_MISMATCH',
    `Collection ${collection.name} was embedded with ${collection.embedder}, not ${requested}.`,
    {
      hint: 'Use the same embedder, or ingest into a new collection.',
      details: { collection: collection.name, requested },
    },
  );
}
