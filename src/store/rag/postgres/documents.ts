import type { PostgresDatabase, PostgresQueryable } from '../../postgres-database.js';
import type { RagDocumentRepository } from '../repository.js';
import {
  type ChunkRow,
  type CollectionRow,
  checkFilterKey,
  decodeTerms,
  encodeTerms,
  toChunk,
  toCollection,
  toDocument,
} from '../rows.js';
import type { RagChunkInput, RagChunkRecord, RagDocumentChange } from '../types.js';
import { logPostgresChanges, postgresIndexSnapshotMethods } from './index-snapshots.js';

const collectionColumns = 'id, name, embedder, dimension, embedder_state, settings';

type DocumentInput = { source: string; contentHash: string; metadata: Record<string, unknown> };

async function replace(
  tx: PostgresQueryable,
  collectionId: number,
  document: DocumentInput,
  chunks: readonly RagChunkInput[],
): Promise<RagDocumentChange> {
  const [{ id: documentId }] = await tx.query<{ id: number }>(
    `INSERT INTO rag_documents (collection_id, source, content_hash, metadata, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (collection_id, source) DO UPDATE SET content_hash = excluded.content_hash,
       metadata = excluded.metadata, updated_at = excluded.updated_at
     RETURNING id`,
    [collectionId, document.source, document.contentHash, JSON.stringify(document.metadata), Date.now()],
  );
  const existing = new Map(
    (
      await tx.query<{ id: number; chunk_id: string }>(
        'SELECT id, chunk_id FROM rag_chunks WHERE document_id = $1',
        [documentId],
      )
    ).map((row) => [row.chunk_id, row.id]),
  );
  const wanted = new Set(chunks.map((chunk) => chunk.chunkId));
  const removed = [...existing].filter(([chunkId]) => !wanted.has(chunkId)).map(([, id]) => id);
  if (removed.length > 0) await tx.query('DELETE FROM rag_chunks WHERE id = ANY($1::bigint[])', [removed]);
  await logPostgresChanges(tx, collectionId, 'chunk', removed, false);
  const keptRows: { id: number; ordinal: number; metadata: string }[] = [];
  const fresh: { chunk: RagChunkInput; ordinal: number }[] = [];
  chunks.forEach((chunk, ordinal) => {
    const id = existing.get(chunk.chunkId);
    if (id === undefined) fresh.push({ chunk, ordinal });
    else keptRows.push({ id, ordinal, metadata: JSON.stringify(chunk.metadata) });
  });
  if (keptRows.length > 0) {
    await tx.query(
      `UPDATE rag_chunks k SET ordinal = u.ordinal, metadata = u.metadata
       FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, ordinal, metadata) WHERE k.id = u.id`,
      [keptRows.map((r) => r.id), keptRows.map((r) => r.ordinal), keptRows.map((r) => r.metadata)],
    );
  }
  const added: RagChunkRecord[] = [];
  if (fresh.length > 0) {
    // Row ids are assigned in chunk order (ORDER BY ordinal), as SQLite assigns rowids.
    const rows = await tx.query<{ id: number; chunk_id: string }>(
      `INSERT INTO rag_chunks (collection_id, document_id, chunk_id, ordinal, text, metadata, terms)
       SELECT $1, $2, chunk_id, ordinal, text, metadata, terms
       FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
         AS c(chunk_id, ordinal, text, metadata, terms)
       ORDER BY ordinal
       RETURNING id, chunk_id`,
      [
        collectionId,
        documentId,
        fresh.map((f) => f.chunk.chunkId),
        fresh.map((f) => f.ordinal),
        fresh.map((f) => f.chunk.text),
        fresh.map((f) => JSON.stringify(f.chunk.metadata)),
        fresh.map((f) => encodeTerms(f.chunk.terms)),
      ],
    );
    await logPostgresChanges(
      tx,
      collectionId,
      'chunk',
      rows.map((row) => row.id),
      true,
    );
    const idOf = new Map(rows.map((row) => [row.chunk_id, row.id]));
    for (const { chunk, ordinal } of fresh) {
      added.push({ ...chunk, id: idOf.get(chunk.chunkId)!, documentId, source: document.source, ordinal });
    }
  }
  return { documentId, added, removed, kept: keptRows.length };
}

export function createPostgresRagDocumentRepository(db: PostgresDatabase): RagDocumentRepository {
  const collectionByName = async (name: string) =>
    (
      await db.query<CollectionRow>(`SELECT ${collectionColumns} FROM rag_collections WHERE name = $1`, [
        name,
      ])
    )[0];
  return {
    ...postgresIndexSnapshotMethods(db),
    async ensureCollection(name) {
      await db.query(
        'INSERT INTO rag_collections (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [name, Date.now()],
      );
      return toCollection(await collectionByName(name));
    },
    async getCollection(name) {
      const row = await collectionByName(name);
      return row ? toCollection(row) : undefined;
    },
    async listCollections() {
      const rows = await db.query<CollectionRow & { documents: number; chunks: number }>(
        `SELECT ${collectionColumns.replace(/(\w+)/g, 'c.$1')},
           (SELECT count(*) FROM rag_documents d WHERE d.collection_id = c.id) AS documents,
           (SELECT count(*) FROM rag_chunks k WHERE k.collection_id = c.id) AS chunks
         FROM rag_collections c ORDER BY c.name COLLATE "C"`,
      );
      return rows.map((row) => ({ ...toCollection(row), documents: row.documents, chunks: row.chunks }));
    },
    async setCollectionEmbedder(id, embedder, dimension, state) {
      await db.query(
        'UPDATE rag_collections SET embedder = $1, dimension = $2, embedder_state = $3 WHERE id = $4',
        [embedder, dimension, state, id],
      );
    },
    async deleteCollection(name) {
      return (await db.query('DELETE FROM rag_collections WHERE name = $1 RETURNING id', [name])).length > 0;
    },
    async listDocuments(collectionId) {
      const rows = await db.query<{ id: number; source: string; content_hash: string; metadata: string }>(
        `SELECT id, source, content_hash, metadata FROM rag_documents WHERE collection_id = $1
         ORDER BY source COLLATE "C"`,
        [collectionId],
      );
      return rows.map(toDocument);
    },
    async replaceDocument(collectionId, document, chunks) {
      return db.transaction((tx) => replace(tx, collectionId, document, chunks));
    },
    async replaceDocuments(collectionId, items) {
      return db.transaction(async (tx) => {
        const changes: RagDocumentChange[] = [];
        for (const { document, chunks } of items)
          changes.push(await replace(tx, collectionId, document, chunks));
        return changes;
      });
    },
    async deleteDocument(collectionId, source) {
      return db.transaction(async (tx) => {
        const [document] = await tx.query<{ id: number }>(
          'SELECT id FROM rag_documents WHERE collection_id = $1 AND source = $2 FOR UPDATE',
          [collectionId, source],
        );
        if (!document) return [];
        const ids = (
          await tx.query<{ id: number }>('SELECT id FROM rag_chunks WHERE document_id = $1 ORDER BY id', [
            document.id,
          ])
        ).map((row) => row.id);
        await tx.query('DELETE FROM rag_documents WHERE id = $1', [document.id]);
        await logPostgresChanges(tx, collectionId, 'chunk', ids, false);
        return ids;
      });
    },
    async chunkTerms(collectionId) {
      const rows = await db.query<{ id: number; terms: string }>(
        'SELECT id, terms FROM rag_chunks WHERE collection_id = $1 ORDER BY id',
        [collectionId],
      );
      return rows.map((row) => ({ id: row.id, terms: decodeTerms(row.terms) }));
    },
    async getChunks(ids) {
      if (ids.length === 0) return [];
      const rows = await db.query<ChunkRow>(
        `SELECT k.id, k.document_id, k.chunk_id, k.ordinal, k.text, k.metadata, k.terms, d.source
         FROM rag_chunks k JOIN rag_documents d ON d.id = k.document_id WHERE k.id = ANY($1::bigint[])`,
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, toChunk(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async filterChunks(collectionId, filter) {
      const clauses: string[] = [];
      const values: unknown[] = [collectionId];
      for (const [key, expected] of Object.entries(filter)) {
        checkFilterKey(key);
        const options = Array.isArray(expected) ? expected : [expected];
        values.push(
          key,
          options.map((option) => JSON.stringify(option)),
        );
        clauses.push(`(metadata::jsonb -> $${values.length - 1}::text) = ANY($${values.length}::jsonb[])`);
      }
      const rows = await db.query<{ id: number }>(
        `SELECT id FROM rag_chunks WHERE collection_id = $1${clauses.map((clause) => ` AND ${clause}`).join('')}`,
        values,
      );
      return new Set(rows.map((row) => row.id));
    },
    async bumpGeneration(collectionId) {
      const [row] = await db.query<{ generation: number }>(
        'UPDATE rag_collections SET generation = generation + 1 WHERE id = $1 RETURNING generation',
        [collectionId],
      );
      return row.generation;
    },
    async generation(collectionId) {
      const [row] = await db.query<{ generation: number }>(
        'SELECT generation FROM rag_collections WHERE id = $1',
        [collectionId],
      );
      return row?.generation ?? 0;
    },
    async countChunks(collectionId) {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*) AS n FROM rag_chunks WHERE collection_id = $1',
        [collectionId],
      );
      return row.n;
    },
  };
}
