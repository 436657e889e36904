// RAG vectors in sqlite-vec: exact cosine k-NN over float[dim]; binary-quantized candidates (bit[dim],
// Hamming distance) rescored exactly where an older collection has that table. Also the embedding cache.
import { GantryError } from '../../../errors/index.js';
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { RagVectorRepository } from '../repository.js';
import { sqliteIndexLogWriter } from './index-snapshots.js';

const blob = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

const floats = (buffer: Buffer) =>
  new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));

export function createSqliteRagVectorRepository(db: SqliteDatabase): RagVectorRepository {
  const logBatch = sqliteIndexLogWriter(db);
  const exactTable = (collectionId: number) => `rag_vectors_${Math.trunc(collectionId)}`;
  const bitsTable = (collectionId: number) => `rag_vector_bits_${Math.trunc(collectionId)}`;
  const tableExists = (name: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const requireTables = (collectionId: number) => {
    if (!tableExists(exactTable(collectionId))) {
      throw new GantryError('RAG_INDEX_EMPTY', `Collection ${collectionId} has no vectors yet.`, {
        hint: 'Ingest documents with an embedder first (gantry ingest).',
        details: { collectionId },
      });
    }
  };

  return {
    async ensureVectorTables(collectionId, dimension) {
      if (!Number.isInteger(dimension) || dimension <= 0) {
        throw new GantryError(
          'RAG_DIMENSION_MISMATCH',
          `A vector dimension must be a positive integer, not ${dimension}.`,
          {
            hint: 'Check the embedding model.',
          },
        );
      }
      db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS ${exactTable(collectionId)} USING vec0(embedding float[${dimension}] distance_metric=cosine)`,
      );
      // No bit[] table for new collections: the pipeline's in-memory quantized index (persisted as
      // snapshots) gives approximate search, and the table doubled the cost of every vector write.
      // Collections created before keep theirs, written and used by `approximate` as before.
    },
    async putVectors(collectionId, entries) {
      requireTables(collectionId);
      const hasBits = tableExists(bitsTable(collectionId));
      const insert = db.prepare(
        `INSERT OR REPLACE INTO ${exactTable(collectionId)} (rowid, embedding) VALUES (?, ?)`,
      );
      const insertBits = hasBits
        ? db.prepare(
            `INSERT OR REPLACE INTO ${bitsTable(collectionId)} (rowid, embedding) VALUES (?, vec_quantize_binary(?))`,
          )
        : undefined;
      db.transaction(() => {
        const log = logBatch();
        for (const { id, vector } of entries) {
          // vec0 accepts only integer row ids; better-sqlite3 binds plain numbers as REAL.
          insert.run(BigInt(id), blob(vector));
          insertBits?.run(BigInt(id), blob(vector));
          log.add(collectionId, 'vector', id, true);
        }
        log.flush();
      })();
    },
    async deleteVectors(collectionId, ids) {
      if (ids.length === 0 || !tableExists(exactTable(collectionId))) return;
      const statements = [exactTable(collectionId), bitsTable(collectionId)]
        .filter(tableExists)
        .map((table) => db.prepare(`DELETE FROM ${table} WHERE rowid = ?`));
      db.transaction(() => {
        const log = logBatch();
        for (const id of ids) {
          for (const statement of statements) statement.run(BigInt(id));
          log.add(collectionId, 'vector', id, false);
        }
        log.flush();
      })();
    },
    async getVectors(collectionId, ids) {
      if (ids.length === 0 || !tableExists(exactTable(collectionId))) return new Map();
      const rows = db
        .prepare<[string], { rowid: number; embedding: Buffer }>(
          `SELECT rowid, embedding FROM ${exactTable(collectionId)} WHERE rowid IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(ids));
      return new Map(rows.map((row) => [row.rowid, floats(row.embedding)]));
    },
    async allVectors(collectionId) {
      if (!tableExists(exactTable(collectionId))) return [];
      return db
        .prepare<[], { rowid: number; embedding: Buffer }>(
          `SELECT rowid, embedding FROM ${exactTable(collectionId)}`,
        )
        .all()
        .map((row) => ({ id: row.rowid, vector: floats(row.embedding) }));
    },
    async vectorPage(collectionId, afterId, limit) {
      if (!tableExists(exactTable(collectionId))) return [];
      return db
        .prepare<[number, number], { rowid: number; embedding: Buffer }>(
          `SELECT rowid, embedding FROM ${exactTable(collectionId)} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        )
        .all(afterId, limit)
        .map((row) => ({ id: row.rowid, vector: floats(row.embedding) }));
    },
    async searchVectors(collectionId, query, { limit, candidates, approximate = false, oversample = 8 }) {
      requireTables(collectionId);
      const table = exactTable(collectionId);
      const rescore = (ids: Iterable<number>) =>
        db
          .prepare<[Buffer, string, number], { rowid: number; distance: number }>(
            `SELECT rowid, vec_distance_cosine(embedding, ?) AS distance FROM ${table}
             WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY distance LIMIT ?`,
          )
          .all(blob(query), JSON.stringify([...ids]), limit)
          .map((row) => ({ id: row.rowid, distance: row.distance }));
      if (candidates) return candidates.size === 0 ? [] : rescore(candidates);
      if (approximate && tableExists(bitsTable(collectionId))) {
        const rough = db
          .prepare<[Buffer, number], { rowid: number }>(
            `SELECT rowid FROM ${bitsTable(collectionId)} WHERE embedding MATCH vec_quantize_binary(?) AND k = ?`,
          )
          .all(blob(query), limit * oversample);
        return rescore(rough.map((row) => row.rowid));
      }
      return db
        .prepare<[Buffer, number], { rowid: number; distance: number }>(
          `SELECT rowid, distance FROM ${table} WHERE embedding MATCH ? AND k = ? ORDER BY distance`,
        )
        .all(blob(query), limit)
        .map((row) => ({ id: row.rowid, distance: row.distance }));
    },
    async countVectors(collectionId) {
      if (!tableExists(exactTable(collectionId))) return 0;
      return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${exactTable(collectionId)}`).get()!.n;
    },
    async approximateIndex() {
      // sqlite-vec has no graph index: large collections use the pipeline's in-memory quantized one.
      return null;
    },
    async dropVectorTables(collectionId) {
      db.exec(
        `DROP TABLE IF EXISTS ${exactTable(collectionId)}; DROP TABLE IF EXISTS ${bitsTable(collectionId)};`,
      );
    },
    async cachedEmbeddings(embedder, hashes) {
      if (hashes.length === 0) return new Map();
      const rows = db
        .prepare<[string, string], { content_hash: string; vector: Buffer }>(
          `SELECT content_hash, vector FROM rag_embedding_cache
           WHERE embedder = ? AND content_hash IN (SELECT value FROM json_each(?))`,
        )
        .all(embedder, JSON.stringify(hashes));
      return new Map(rows.map((row) => [row.content_hash, floats(row.vector)]));
    },
    async cacheEmbeddings(embedder, entries) {
      const insert = db.prepare(
        'INSERT OR REPLACE INTO rag_embedding_cache (embedder, content_hash, vector) VALUES (?, ?, ?)',
      );
      db.transaction(() => {
        for (const [hash, vector] of entries) insert.run(embedder, hash, blob(vector));
      })();
    },
  };
}
