// The persisted-index half of the Postgres rag repositories: the change log (written by the chunk and
// vector writes, in their transactions or statements), snapshots replaced in one transaction, and paged
// reads for rebuilds that stream instead of loading a whole collection.
import type { PostgresDatabase, PostgresQueryable } from '../../postgres-database.js';
import type { RagDocumentRepository } from '../repository.js';
import { decodeTerms } from '../rows.js';
import { logKindOf } from '../sqlite/index-snapshots.js';

/** Appends change-log rows for these ids; run it on the write's own transaction. */
export async function logPostgresChanges(
  tx: PostgresQueryable,
  collectionId: number,
  kind: 'chunk' | 'vector',
  ids: readonly number[],
  added: boolean,
): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `INSERT INTO rag_index_log (collection_id, kind, item_id, added)
     SELECT $1, $2, id, $4 FROM unnest($3::bigint[]) WITH ORDINALITY AS t(id, n) ORDER BY n`,
    [collectionId, kind, ids, added],
  );
}

type SnapshotMethods = Pick<
  RagDocumentRepository,
  'chunkTermsPage' | 'chunkTermsOf' | 'indexLog' | 'lastIndexSeq' | 'saveIndexSnapshot' | 'loadIndexSnapshot'
>;

const toBuffer = (data: Uint8Array) =>
  Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

export function postgresIndexSnapshotMethods(db: PostgresDatabase): SnapshotMethods {
  return {
    async chunkTermsPage(collectionId, afterId, limit) {
      const rows = await db.query<{ id: number; terms: string }>(
        'SELECT id, terms FROM rag_chunks WHERE collection_id = $1 AND id > $2 ORDER BY id LIMIT $3',
        [collectionId, afterId, limit],
      );
      return rows.map((row) => ({ id: row.id, terms: decodeTerms(row.terms) }));
    },
    async chunkTermsOf(ids) {
      if (ids.length === 0) return [];
      const rows = await db.query<{ id: number; terms: string }>(
        'SELECT id, terms FROM rag_chunks WHERE id = ANY($1::bigint[]) ORDER BY id',
        [ids],
      );
      return rows.map((row) => ({ id: row.id, terms: decodeTerms(row.terms) }));
    },
    async indexLog(collectionId, kind, afterSeq) {
      const rows = await db.query<{ seq: number; item_id: number; added: boolean }>(
        `SELECT seq, item_id, added FROM rag_index_log
         WHERE collection_id = $1 AND kind = $2 AND seq > $3 ORDER BY seq`,
        [collectionId, logKindOf[kind], afterSeq],
      );
      return rows.map((row) => ({ seq: row.seq, id: row.item_id, added: row.added }));
    },
    async lastIndexSeq(collectionId) {
      // Entries committed later may carry lower identity values than ones already seen (a sequence is
      // not transactional); the pipeline re-reads the log from a snapshot's own position, so a snapshot
      // is only saved at a position all earlier transactions have passed (see saveIndexSnapshot's use).
      const [row] = await db.query<{ seq: number | null }>(
        'SELECT max(seq) AS seq FROM rag_index_log WHERE collection_id = $1',
        [collectionId],
      );
      const [snapshot] = await db.query<{ seq: number | null }>(
        'SELECT max(log_seq) AS seq FROM rag_index_snapshots WHERE collection_id = $1',
        [collectionId],
      );
      return Math.max(row?.seq ?? 0, snapshot?.seq ?? 0);
    },
    async saveIndexSnapshot(collectionId, kind, logSeq, parts) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM rag_index_snapshots WHERE collection_id = $1 AND kind = $2', [
          collectionId,
          kind,
        ]);
        for (const [index, part] of parts.entries()) {
          await tx.query(
            'INSERT INTO rag_index_snapshots (collection_id, kind, part, log_seq, data) VALUES ($1, $2, $3, $4, $5)',
            [collectionId, kind, index, logSeq, toBuffer(part)],
          );
        }
        await tx.query('DELETE FROM rag_index_log WHERE collection_id = $1 AND kind = $2 AND seq <= $3', [
          collectionId,
          logKindOf[kind],
          logSeq,
        ]);
      });
    },
    async loadIndexSnapshot(collectionId, kind) {
      const rows = await db.query<{ log_seq: number; data: Uint8Array }>(
        'SELECT log_seq, data FROM rag_index_snapshots WHERE collection_id = $1 AND kind = $2 ORDER BY part',
        [collectionId, kind],
      );
      if (rows.length === 0) return undefined;
      return { logSeq: rows[0].log_seq, parts: rows.map((row) => toBuffer(row.data)) };
    },
  };
}
