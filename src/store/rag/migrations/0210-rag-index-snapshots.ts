import type { Migration } from '../../migration.js';

// Persisted search indexes. `rag_index_snapshots` holds a collection's in-memory indexes (kind 'bm25':
// postings and statistics; kind 'quantized': binary codes) as binary parts, with the log position they
// cover; `rag_index_log` records every chunk and vector added or removed, in the same transaction as
// the write itself. Opening a collection loads the snapshot and replays the log after it, so a crash
// between a write and the next snapshot loses nothing, and a crash while a snapshot is written leaves
// the previous one (a snapshot is replaced in one transaction).
export const ragIndexSnapshotsMigration: Migration = {
  id: 210,
  name: 'rag: persisted index snapshots and their change log',
  up: `
    CREATE TABLE rag_index_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      collection_id INTEGER NOT NULL REFERENCES rag_collections(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      item_id INTEGER NOT NULL,
      added INTEGER NOT NULL
    );
    CREATE INDEX rag_index_log_collection ON rag_index_log (collection_id, kind, seq);
    CREATE TABLE rag_index_snapshots (
      collection_id INTEGER NOT NULL REFERENCES rag_collections(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      part INTEGER NOT NULL,
      log_seq INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (collection_id, kind, part)
    );
  `,
};
