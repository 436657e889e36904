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
  /** Called as documents are ingested and as queries run (for a progress bar). */
  onProgress?: (progress: BenchmarkProgress) => void;
}

export interface BenchmarkProgress {
  phase: 'ingest' | 'search';
  done: number;
  total: number;
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
  const { onProgress } = options;
  const started = performance.now();
  onProgress?.({ phase: 'ingest', done: 0, total: testCollection.documents.length });
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
    {
      onProgress: ({ documentsDone, documentsTotal }) =>
        onProgress?.({ phase: 'ingest', done: documentsDone, total: documentsTotal }),
    },
  );
  const ingestMs = performance.now() - started;
  const systems: Record<string, RetrievalSystem> = {};
  for (const mode of modes) {
    systems[mode] = async (query, limit) =>
      (await collection.search(query, { mode, limit })).map((hit) => ({ id: hit.source, score: hit.score }));
  }
  Object.assign(systems, options.extraSystems?.(collection));
  if (onProgress) {
    const total = testCollection.judgedQueries.length * Object.keys(systems).length;
    let done = 0;
    onProgress({ phase: 'search', done, total });
    for (const [name, system] of Object.entries(systems)) {
      systems[name] = async (query, limit) => {
        const ranked = await system(query, limit);
        onProgress({ phase: 'search', done: ++done, total });
        return ranked;
      };
    }
  }
  return {
    collection: testCollection.name,
    documents: testCollection.documents.length,
    queries: testCollection.judgedQueries.length,
    notes: testCollection.notes,
    ingestMs,
    systems: await evaluateRetrieval(testCollection, systems, { depth }),
  };
}
