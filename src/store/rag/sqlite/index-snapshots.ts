// The persisted-index half of the SQLite rag repositories: the change log (written by the chunk and
// vector writes, in their transactions), snapshots replaced in one transaction, and paged reads for
// rebuilds that stream instead of loading a whole collection.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { RagDocumentRepository } from '../repository.js';
import { decodeTerms } from '../rows.js';
import type { RagIndexKind } from '../types.js';

/** Which log a snapshot kind replays: BM25 follows chunks, the quantized index follows vectors. */
export const logKindOf = { bm25: 'chunk', quantized: 'vector' } as const satisfies Record<
  RagIndexKind,
  string
>;

/** Appends change-log rows; call inside the write's own transaction. */
export function sqliteIndexLogWriter(db: SqliteDatabase) {
  const insert = db.prepare(
    'INSERT INTO rag_index_log (collection_id, kind, item_id, added) VALUES (?, ?, ?, ?)',
  );
  return (collectionId: number, kind: 'chunk' | 'vector', id: number, added: boolean) => {
    insert.run(collectionId, kind, id, added ? 1 : 0);
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
  const log = db.prepare<[number, string, number], { seq: number; item_id: number; added: number }>(
    'SELECT seq, item_id, added FROM rag_index_log WHERE collection_id = ? AND kind = ? AND seq > ? ORDER BY seq',
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
      return log
        .all(collectionId, logKindOf[kind], afterSeq)
        .map((row) => ({ seq: row.seq, id: row.item_id, added: row.added === 1 }));
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
