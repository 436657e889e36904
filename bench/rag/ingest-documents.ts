// The documents and the embedder the ingest benches share (bench/rag/ingest.ts and ingest-same-as.ts):
// 10 chunks per document, one chunk per section, and each text's precomputed vector.
import type { Embedder } from '../../src/rag/index.js';
import type { syntheticCorpus } from './synthetic-corpus.js';

/** The documents the scale bench ingests: 10 chunks each, one chunk per section. */
export function benchDocuments(texts: readonly string[]) {
  const documents = [];
  for (let start = 0; start < texts.length; start += 10) {
    documents.push({
      source: `doc-${start}`,
      format: 'text' as const,
      metadata: { shard: start % 7 },
      sections: texts.slice(start, start + 10).map((text) => ({ text, metadata: {} })),
    });
  }
  return documents;
}

/** Answers each corpus text and query with its precomputed 384-d vector (zeros for anything else). */
export function precomputedEmbedder(corpus: ReturnType<typeof syntheticCorpus>): Embedder {
  const vectorOf = new Map(corpus.texts.map((text, index) => [text, corpus.vectors[index]]));
  for (const query of corpus.queries) vectorOf.set(query.text, query.vector);
  return {
    id: 'precomputed:384',
    async embed(texts) {
      return texts.map((text) => vectorOf.get(text) ?? new Float32Array(384));
    },
  };
}
