import type { Migration } from '../../migration.js';

// RAG: collections, documents (one per source, with a content hash for incremental re-ingest), chunks
// (id = content hash; `terms` holds the analysed term frequencies BM25 is rebuilt from), and the
// embedding cache. Vectors live in per-collection sqlite-vec tables created once the dimension is known
// (rag_vectors_<id>: float[dim] cosine; rag_vector_bits_<id>: bit[dim] binary-quantized candidates).
export const ragMigration: Migration = {
  id: 200,
  name: 'rag: collections, documents, chunks, embedding cache',
  up: `
    CREATE TABLE rag_collections (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      embedder TEXT,
      dimension INTEGER,
      embedder_state BLOB,
      settings TEXT NOT NULL DEFAULT '{}',
      created_at REAL NOT NULL
    );
    CREATE TABLE rag_documents (
      id INTEGER PRIMARY KEY,
      collection_id INTEGER NOT NULL REFERENCES rag_collections(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      metadata TEXT NOT NULL DEFAULT '{}',
      updated_at REAL NOT NULL,
      UNIQUE (collection_id, source)
    );
    CREATE TABLE rag_chunks (
      id INTEGER PRIMARY KEY,
      collection_id INTEGER NOT NULL REFERENCES rag_collections(id) ON DELETE CASCADE,
      document_id INTEGER NOT NULL REFERENCES rag_documents(id) ON DELETE CASCADE,
      chunk_id TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      text TEXT NOT NULL,
      metadata TEXT NOT NULL DEFAULT '{}',
      terms TEXT NOT NULL DEFAULT '',
      UNIQUE (collection_id, chunk_id)
    );
    CREATE INDEX rag_chunks_document ON rag_chunks (document_id);
    CREATE TABLE rag_embedding_cache (
      embedder TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      vector BLOB NOT NULL,
      PRIMARY KEY (embedder, content_hash)
    ) WITHOUT ROWID;
  `,
};
