import type { SqliteDatabase } from '../../sqlite-database.js';
import type { RagDocumentRepository } from '../repository.js';
import {
  type ChunkRow,
  type CollectionRow,
  checkFilterKey,
  chunkRecord,
  decodeTerms,
  encodeTerms,
  toChunk,
  toCollection,
  toDocument,
} from '../rows.js';
import type { RagChunkInput, RagChunkRecord, RagDocumentChange } from '../types.js';
import { startSqliteBackgroundWriter } from './background-writer.js';
import { sqliteBulkWrite } from './bulk-write.js';
import { type IndexLogBatch, sqliteIndexLogWriter, sqliteIndexSnapshotMethods } from './index-snapshots.js';

export function createSqliteRagDocumentRepository(db: SqliteDatabase): RagDocumentRepository {
  const selectCollection = db.prepare<[string], CollectionRow>(
    'SELECT * FROM rag_collections WHERE name = ?',
  );
  const insertCollection = db.prepare(
    'INSERT OR IGNORE INTO rag_collections (name, created_at) VALUES (?, ?)',
  );
  const selectDocument = db.prepare<[number, string], { id: number }>(
    'SELECT id FROM rag_documents WHERE collection_id = ? AND source = ?',
  );
  const insertDocument = db.prepare(
    'INSERT INTO rag_documents (collection_id, source, content_hash, metadata, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updateDocument = db.prepare(
    'UPDATE rag_documents SET content_hash = ?, metadata = ?, updated_at = ? WHERE id = ?',
  );
  const selectDocumentChunks = db.prepare<[number], { id: number; chunk_id: string }>(
    'SELECT id, chunk_id FROM rag_chunks WHERE document_id = ?',
  );
  const deleteChunk = db.prepare('DELETE FROM rag_chunks WHERE id = ?');
  const updateOrdinal = db.prepare('UPDATE rag_chunks SET ordinal = ?, metadata = ? WHERE id = ?');
  const insertChunk = db.prepare(
    `INSERT INTO rag_chunks (collection_id, document_id, chunk_id, ordinal, text, metadata, terms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const logBatch = sqliteIndexLogWriter(db);
  // Runs inside the caller's transaction; `log` is flushed by the caller before it commits.
  const replaceOne = (
    collectionId: number,
    document: { source: string; contentHash: string; metadata: Record<string, unknown> },
    chunks: readonly RagChunkInput[],
    log: IndexLogBatch,
  ): RagDocumentChange => {
    const now = Date.now();
    let documentId = selectDocument.get(collectionId, document.source)?.id;
    if (documentId === undefined) {
      documentId = Number(
        insertDocument.run(
          collectionId,
          document.source,
          document.contentHash,
          JSON.stringify(document.metadata),
          now,
        ).lastInsertRowid,
      );
    } else {
      updateDocument.run(document.contentHash, JSON.stringify(document.metadata), now, documentId);
    }
    const existing = new Map(selectDocumentChunks.all(documentId).map((row) => [row.chunk_id, row.id]));
    const wanted = new Set(chunks.map((chunk) => chunk.chunkId));
    const removed: number[] = [];
    for (const [chunkId, id] of existing) {
      if (!wanted.has(chunkId)) {
        deleteChunk.run(id);
        log.add(collectionId, 'chunk', id, false);
        removed.push(id);
      }
    }
    const added: RagChunkRecord[] = [];
    let kept = 0;
    chunks.forEach((chunk, ordinal) => {
      const id = existing.get(chunk.chunkId);
      if (id !== undefined) {
        updateOrdinal.run(ordinal, JSON.stringify(chunk.metadata), id);
        kept++;
        return;
      }
      const rowId = Number(
        insertChunk.run(
          collectionId,
          documentId,
          chunk.chunkId,
          ordinal,
          chunk.text,
          JSON.stringify(chunk.metadata),
          // The background writer's thread receives the terms already encoded (cheaper to send).
          typeof chunk.terms === 'string' ? chunk.terms : encodeTerms(chunk.terms),
        ).lastInsertRowid,
      );
      log.add(collectionId, 'chunk', rowId, true);
      added.push(chunkRecord(chunk, rowId, documentId, document.source, ordinal));
    });
    return { documentId, added, removed, kept };
  };
  const replaceMany = db.transaction(
    (
      collectionId: number,
      items: readonly {
        document: { source: string; contentHash: string; metadata: Record<string, unknown> };
        chunks: readonly RagChunkInput[];
      }[],
    ): RagDocumentChange[] => {
      const log = logBatch();
      const changes = items.map(({ document, chunks }) => replaceOne(collectionId, document, chunks, log));
      log.flush();
      return changes;
    },
  );

  return {
    ...sqliteIndexSnapshotMethods(db),
    bulkWrite: sqliteBulkWrite(db),
    // A file database only: an in-memory one cannot be opened from another thread.
    backgroundWriter: () => (db.memory ? undefined : startSqliteBackgroundWriter(db.name)),
    async ensureCollection(name) {
      insertCollection.run(name, Date.now());
      return toCollection(selectCollection.get(name)!);
    },
    async getCollection(name) {
      const row = selectCollection.get(name);
      return row ? toCollection(row) : undefined;
    },
    async listCollections() {
      const rows = db
        .prepare<[], CollectionRow & { documents: number; chunks: number }>(
          `SELECT c.*, (SELECT count(*) FROM rag_documents d WHERE d.collection_id = c.id) AS documents,
                  (SELECT count(*) FROM rag_chunks k WHERE k.collection_id = c.id) AS chunks
           FROM rag_collections c ORDER BY c.name`,
        )
        .all();
      return rows.map((row) => ({ ...toCollection(row), documents: row.documents, chunks: row.chunks }));
    },
    async setCollectionEmbedder(id, embedder, dimension, state) {
      db.prepare(
        'UPDATE rag_collections SET embedder = ?, dimension = ?, embedder_state = ? WHERE id = ?',
      ).run(embedder, dimension, state, id);
    },
    async deleteCollection(name) {
      return db.prepare('DELETE FROM rag_collections WHERE name = ?').run(name).changes > 0;
    },
    async listDocuments(collectionId) {
      return db
        .prepare<[number], { id: number; source: string; content_hash: string; metadata: string }>(
          'SELECT id, source, content_hash, metadata FROM rag_documents WHERE collection_id = ? ORDER BY source',
        )
        .all(collectionId)
        .map(toDocument);
    },
    async replaceDocument(collectionId, document, chunks) {
      return replaceMany(collectionId, [{ document, chunks }])[0];
    },
    async replaceDocuments(collectionId, items) {
      return replaceMany(collectionId, items);
    },
    async deleteDocument(collectionId, source) {
      return db.transaction(() => {
        const document = selectDocument.get(collectionId, source);
        if (!document) return [];
        const ids = selectDocumentChunks.all(document.id).map((row) => row.id);
        db.prepare('DELETE FROM rag_documents WHERE id = ?').run(document.id);
        const log = logBatch();
        for (const id of ids) log.add(collectionId, 'chunk', id, false);
        log.flush();
        return ids;
      })();
    },
    async chunkTerms(collectionId) {
      return db
        .prepare<[number], { id: number; terms: string }>(
          'SELECT id, terms FROM rag_chunks WHERE collection_id = ?',
        )
        .all(collectionId)
        .map((row) => ({ id: row.id, terms: decodeTerms(row.terms) }));
    },
    async getChunks(ids) {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<[string], ChunkRow>(
          `SELECT k.*, d.source FROM rag_chunks k JOIN rag_documents d ON d.id = k.document_id
           WHERE k.id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(ids));
      const byId = new Map(rows.map((row) => [row.id, toChunk(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async filterChunks(collectionId, filter) {
      const clauses: string[] = [];
      const values: unknown[] = [collectionId];
      for (const [key, expected] of Object.entries(filter)) {
        checkFilterKey(key);
        const options = Array.isArray(expected) ? expected : [expected];
        clauses.push(`json_extract(metadata, '$.${key}') IN (${options.map(() => '?').join(', ')})`);
        for (const option of options) values.push(typeof option === 'boolean' ? Number(option) : option);
      }
      const rows = db
        .prepare<unknown[], { id: number }>(
          `SELECT id FROM rag_chunks WHERE collection_id = ?${clauses.map((clause) => ` AND ${clause}`).join('')}`,
        )
        .all(...values);
      return new Set(rows.map((row) => row.id));
    },
    async bumpGeneration(collectionId) {
      return db
        .prepare<[number], { generation: number }>(
          'UPDATE rag_collections SET generation = generation + 1 WHERE id = ? RETURNING generation',
        )
        .get(collectionId)!.generation;
    },
    async generation(collectionId) {
      return (
        db
          .prepare<[number], { generation: number }>('SELECT generation FROM rag_collections WHERE id = ?')
          .get(collectionId)?.generation ?? 0
      );
    },
    async countChunks(collectionId) {
      return db
        .prepare<[number], { n: number }>('SELECT count(*) AS n FROM rag_chunks WHERE collection_id = ?')
        .get(collectionId)!.n;
    },
  };
}
