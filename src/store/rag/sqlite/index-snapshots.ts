// The persisted-index half of the SQLite rag repositories: the change log (written by the chunk and
// vector writes, in their transactions), snapshots replaced in one transaction, and paged reads for
// rebuilds that stream instead of loading a whole collection.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { RagDocumentRepository } from '../repository.js';
import { decodeTerms } from '../rows.js';
import type { RagIndexKind, RagIndexLogEntry } from '../types.js';

/** Which log a snapshot kind replays: BM25 follows chunks, the quantized index follows vectors. */
export const logKindOf = { bm25: 'chunk', quantized: 'vector' } as const satisfies Record<
  RagIndexKind,
  string
>;

export interface IndexLogBatch {
  /** Records one item added or removed; consecutive ids with the same kind and direction share a row. */
  add(collectionId: number, kind: 'chunk' | 'vector', id: number, added: boolean): void;
  /** Writes the pending run; call before the transaction ends. */
  flush(): void;
}

/**
 * Change-log batches; use one inside a write's own transaction and flush it before the transaction
 * ends. Entries keep their order (a run is written before any entry that does not extend it), so
 * "each item's last entry decides" still holds on replay; a bulk ingest writes one row per
 * transaction instead of one per chunk and one per vector.
 */
export function sqliteIndexLogWriter(db: SqliteDatabase): () => IndexLogBatch {
  const insert = db.prepare(
    'INSERT INTO rag_index_log (collection_id, kind, item_id, item_count, added) VALUES (?, ?, ?, ?, ?)',
  );
  return () => {
    let collection = 0;
    let kind = '';
    let first = 0;
    let count = 0;
    let added = false;
    const flush = () => {
      if (count > 0) insert.run(collection, kind, first, count, added ? 1 : 0);
      count = 0;
    };
    return {
      add(collectionId, itemKind, id, isAdded) {
        if (
          count > 0 &&
          id === first + count &&
          isAdded === added &&
          itemKind === kind &&
          collectionId === collection
        ) {
          count++;
          return;
        }
        flush();
        collection = collectionId;
        kind = itemKind;
        first = id;
        count = 1;
        added = isAdded;
      },
      flush,
    };
  };
}

type SnapshotMethods = Pick<
  RagDocumentRepository,
  'chunkTermsPage' | 'chunkTermsOf' | 'indexLog' | 'lastIndexSeq' | 'saveIndexSnapshot' | 'loadIndexSnapshot'
>;

export function sqliteIndexSnapshotMethods(db: SqliteDatabase): SnapshotMethods {
  const page = db.prepare<[number, number, number], { id: number; terms: string }>(
    'SELECT id, terms FROM rag_chunks WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const log = db.prepare<
    [number, string, number],
    { seq: number; item_id: number; item_count: number; added: number }
  >(
    'SELECT seq, item_id, item_count, added FROM rag_index_log WHERE collection_id = ? AND kind = ? AND seq > ? ORDER BY seq',
  );
  const save = db.transaction(
    (collectionId: number, kind: RagIndexKind, logSeq: number, parts: readonly Uint8Array[]) => {
      db.prepare('DELETE FROM rag_index_snapshots WHERE collection_id = ? AND kind = ?').run(
        collectionId,
        kind,
      );
      const insert = db.prepare(
        'INSERT INTO rag_index_snapshots (collection_id, kind, part, log_seq, data) VALUES (?, ?, ?, ?, ?)',
      );
      parts.forEach((part, index) => {
        insert.run(
          collectionId,
          kind,
          index,
          logSeq,
          Buffer.from(part.buffer, part.byteOffset, part.byteLength),
        );
      });
      db.prepare('DELETE FROM rag_index_log WHERE collection_id = ? AND kind = ? AND seq <= ?').run(
        collectionId,
        logKindOf[kind],
        logSeq,
      );
    },
  );
  return {
    async chunkTermsPage(collectionId, afterId, limit) {
      return page
        .all(collectionId, afterId, limit)
        .map((row) => ({ id: row.id, terms: decodeTerms(row.terms) }));
    },
    async chunkTermsOf(ids) {
      if (ids.length === 0) return [];
      return db
        .prepare<[string], { id: number; terms: string }>(
          'SELECT id, terms FROM rag_chunks WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
        )
        .all(JSON.stringify(ids))
        .map((row) => ({ id: row.id, terms: decodeTerms(row.terms) }));
    },
    async indexLog(collectionId, kind, afterSeq) {
      const entries: RagIndexLogEntry[] = [];
      for (const row of log.iterate(collectionId, logKindOf[kind], afterSeq)) {
        for (let offset = 0; offset < row.item_count; offset++)
          entries.push({ seq: row.seq, id: row.item_id + offset, added: row.added === 1 });
      }
      return entries;
    },
    async lastIndexSeq() {
      // AUTOINCREMENT keeps the highest seq ever used here, even after the log is trimmed.
      return (
        db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'rag_index_log'").get()
          ?.seq ?? 0
      );
    },
    async saveIndexSnapshot(collectionId, kind, logSeq, parts) {
      save(collectionId, kind, logSeq, parts);
    },
    async loadIndexSnapshot(collectionId, kind) {
      const rows = db
        .prepare<[number, string], { log_seq: number; data: Buffer }>(
          'SELECT log_seq, data FROM rag_index_snapshots WHERE collection_id = ? AND kind = ? ORDER BY part',
        )
        .all(collectionId, kind);
      if (rows.length === 0) return undefined;
      return { logSeq: rows[0].log_seq, parts: rows.map((row) => row.data) };
    },
  };
}
