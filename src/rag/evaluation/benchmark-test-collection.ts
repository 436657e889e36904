// Runs the real pipeline (store-backed collection: BM25 from stored terms, LSA vectors in sqlite-vec)
// over a test collection: one chunk per document, every judged query, every requested mode.

import type { Store } from '../../store/index.js';
import { documentContents, type TestCollection } from '../collections/index.js';
import type { Embedder } from '../embedding/index.js';
import type { RagCollection } from '../pipeline/index.js';
import { openRagCollection, type SearchMode } from '../pipeline/index.js';
import { evaluateRetrieval, type RetrievalSystem, type SystemEvaluation } from './evaluate-retrieval.js';

export interface BenchmarkOptions {
  store: Pick<Store, 'ragDocuments' | 'ragVectors'>;
  modes?: readonly SearchMode[];
  k1?: number;
  b?: number;
  /** 'lsa' (default), an embedder, or 'none' for BM25 only. */
  embedder?: Embedder | 'lsa' | 'none';
  lsaDimension?: number;
  depth?: number;
  /** Extra systems built on the collection (rerankers). */
  extraSystems?: (collection: RagCollection) => Record<string, RetrievalSystem>;
}

export interface BenchmarkResult {
  collection: string;
  documents: number;
  queries: number;
  notes: string[];
  ingestMs: number;
  systems: SystemEvaluation[];
}

export async function benchmarkTestCollection(
  testCollection: TestCollection,
  options: BenchmarkOptions,
): Promise<BenchmarkResult> {
  const { store, k1 = 0.9, b = 0.4, lsaDimension = 256, depth = 1000 } = options;
  const embedder = options.embedder ?? 'lsa';
  const modes = options.modes ?? (embedder === 'none' ? ['bm25'] : ['bm25', 'vector', 'hybrid']);
  const started = performance.now();
  const collection = await openRagCollection({
    store,
    name: `eval:${testCollection.name}:${Date.now()}`,
    embedder: embedder === 'none' ? undefined : embedder,
    lsaDimension,
    bm25: { k1, b },
    // Abstracts are short: one chunk per document keeps ids equal to the judged document ids.
    chunkerFor: () => (text) => (text.trim() === '' ? [] : [{ text, metadata: {} }]),
    // The collections are small; always search exactly.
    approximateAbove: Number.MAX_SAFE_INTEGER,
  });
  await collection.ingest(
    testCollection.documents.map((document) => ({
      source: document.id,
      format: 'text' as const,
      metadata: {},
      sections: [{ text: documentContents(document), metadata: {} }],
    })),
  );
  const ingestMs = performance.now() - started;
  const systems: Record<string, RetrievalSystem> = {};
  for (const mode of modes) {
    systems[mode] = async (query, limit) =>
      (await collection.search(query, { mode, limit })).map((hit) => ({ id: hit.source, score: hit.score }));
  }
  Object.assign(systems, options.extraSystems?.(collection));
  return {
    collection: testCollection.name,
    documents: testCollection.documents.length,
    queries: testCollection.judgedQueries.length,
    notes: testCollection.notes,
    ingestMs,
    systems: await evaluateRetrieval(testCollection, systems, { depth }),
  };
}
