// RAG vectors on Postgres. With pgvector (when the server has the extension): one table per
// collection with a vector(dim) column and an HNSW index (cosine); exact k-NN by a sequential scan,
// approximate k-NN through the index. Without pgvector (Debian's postgresql has none): the vectors
// are stored as float32 bytes and searched exactly in this process (every vector of the collection,
// or of the candidate set, is read and scored). Also the embedding cache.
import { GantryError } from '../../../errors/index.js';
import type { PostgresDatabase } from '../../postgres-database.js';
import type { RagVectorRepository } from '../repository.js';
import type { RagVectorHit } from '../types.js';
import { logPostgresChanges } from './index-snapshots.js';

const bytes = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
const floats = (buffer: Uint8Array) =>
  new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
const vectorLiteral = (vector: Float32Array) => `[${Array.prototype.join.call(vector, ',')}]`;
const parseVector = (text: string) => new Float32Array(JSON.parse(text) as number[]);

type Layout = 'pgvector' | 'bytes';

export interface PostgresVectorOptions {
  /** 'auto' (default) uses pgvector when the server has it; 'none' always stores bytes. */
  pgvector?: 'auto' | 'none';
}

export function createPostgresRagVectorRepository(
  db: PostgresDatabase,
  { pgvector = 'auto' }: PostgresVectorOptions = {},
): RagVectorRepository {
  const table = (collectionId: number) => `rag_vectors_${Math.trunc(collectionId)}`;
  const layouts = new Map<string, Layout | null>();
  let extension: Promise<boolean> | undefined;

  /** Creates pgvector in this database when the server offers it; false when it cannot. */
  const hasPgvector = () => {
    extension ??= (async () => {
      if (pgvector === 'none') return false;
      const [available] = await db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
      if (!available) return false;
      try {
        await db.query('CREATE EXTENSION IF NOT EXISTS vector');
        return true;
      } catch {
        // No privilege to create it: fall back to stored bytes.
        const [installed] = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
        return Boolean(installed);
      }
    })();
    return extension;
  };

  /** How a collection's vectors are stored, read from the table's column type; null when no table. */
  const layoutOf = async (collectionId: number): Promise<Layout | null> => {
    const name = table(collectionId);
    const known = layouts.get(name);
    if (known) return known;
    const [column] = await db.query<{ type: string }>(
      `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
       WHERE a.attrelid = to_regclass($1) AND a.attname = 'embedding' AND NOT a.attisdropped`,
      [name],
    );
    const layout: Layout | null = column ? (column.type.startsWith('vector') ? 'pgvector' : 'bytes') : null;
    if (layout) layouts.set(name, layout);
    return layout;
  };

  const requireLayout = async (collectionId: number) => {
    const layout = await layoutOf(collectionId);
    if (!layout) {
      throw new GantryError('RAG_INDEX_EMPTY', `Collection ${collectionId} has no vectors yet.`, {
        hint: 'Ingest documents with an embedder first (gantry ingest).',
        details: { collectionId },
      });
    }
    return layout;
  };

  const exactInProcess = async (
    collectionId: number,
    query: Float32Array,
    limit: number,
    candidates?: ReadonlySet<number>,
  ): Promise<RagVectorHit[]> => {
    const rows = candidates
      ? await db.query<{ id: number; embedding: Uint8Array }>(
          `SELECT id, embedding FROM ${table(collectionId)} WHERE id = ANY($1::bigint[])`,
          [[...candidates]],
        )
      : await db.query<{ id: number; embedding: Uint8Array }>(
          `SELECT id, embedding FROM ${table(collectionId)}`,
        );
    let queryNorm = 0;
    for (let i = 0; i < query.length; i++) queryNorm += query[i] * query[i];
    queryNorm = Math.sqrt(queryNorm);
    const hits: RagVectorHit[] = rows.map((row) => {
      const vector = floats(row.embedding);
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < vector.length; i++) {
        dot += vector[i] * query[i];
        norm += vector[i] * vector[i];
      }
      const denominator = Math.sqrt(norm) * queryNorm;
      return { id: row.id, distance: denominator === 0 ? 1 : 1 - dot / denominator };
    });
    hits.sort((a, b) => a.distance - b.distance || a.id - b.id);
    return hits.slice(0, limit);
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
      if (await layoutOf(collectionId)) return;
      const name = table(collectionId);
      // pgvector's HNSW index takes at most 2,000 dimensions; larger vectors are stored as bytes.
      if ((await hasPgvector()) && dimension <= 2000) {
        await db.query(`CREATE TABLE IF NOT EXISTS ${name} (id BIGINT PRIMARY KEY, embedding vector(${dimension}) NOT NULL);
          CREATE INDEX IF NOT EXISTS ${name}_hnsw ON ${name} USING hnsw (embedding vector_cosine_ops)`);
      } else {
        await db.query(
          `CREATE TABLE IF NOT EXISTS ${name} (id BIGINT PRIMARY KEY, embedding BYTEA NOT NULL)`,
        );
      }
    },
    async putVectors(collectionId, entries) {
      const layout = await requireLayout(collectionId);
      if (entries.length === 0) return;
      const ids = entries.map((entry) => entry.id);
      await db.transaction(async (tx) => {
        if (layout === 'pgvector') {
          await tx.query(
            `INSERT INTO ${table(collectionId)} (id, embedding) SELECT id, embedding::vector
             FROM unnest($1::bigint[], $2::text[]) AS v(id, embedding)
             ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding`,
            [ids, entries.map((entry) => vectorLiteral(entry.vector))],
          );
        } else {
          await tx.query(
            `INSERT INTO ${table(collectionId)} (id, embedding) SELECT * FROM unnest($1::bigint[], $2::bytea[])
             ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding`,
            [ids, entries.map((entry) => bytes(entry.vector))],
          );
        }
        await logPostgresChanges(tx, collectionId, 'vector', ids, true);
      });
    },
    async deleteVectors(collectionId, ids) {
      if (ids.length === 0 || !(await layoutOf(collectionId))) return;
      await db.transaction(async (tx) => {
        await tx.query(`DELETE FROM ${table(collectionId)} WHERE id = ANY($1::bigint[])`, [ids]);
        await logPostgresChanges(tx, collectionId, 'vector', ids, false);
      });
    },
    async getVectors(collectionId, ids) {
      const layout = await layoutOf(collectionId);
      if (ids.length === 0 || !layout) return new Map();
      if (layout === 'pgvector') {
        const rows = await db.query<{ id: number; embedding: string }>(
          `SELECT id, embedding::text AS embedding FROM ${table(collectionId)} WHERE id = ANY($1::bigint[])`,
          [ids],
        );
        return new Map(rows.map((row) => [row.id, parseVector(row.embedding)]));
      }
      const rows = await db.query<{ id: number; embedding: Uint8Array }>(
        `SELECT id, embedding FROM ${table(collectionId)} WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      return new Map(rows.map((row) => [row.id, floats(row.embedding)]));
    },
    async vectorPage(collectionId, afterId, limit) {
      const layout = await layoutOf(collectionId);
      if (!layout) return [];
      if (layout === 'pgvector') {
        const rows = await db.query<{ id: number; embedding: string }>(
          `SELECT id, embedding::text AS embedding FROM ${table(collectionId)} WHERE id > $1 ORDER BY id LIMIT $2`,
          [afterId, limit],
        );
        return rows.map((row) => ({ id: row.id, vector: parseVector(row.embedding) }));
      }
      const rows = await db.query<{ id: number; embedding: Uint8Array }>(
        `SELECT id, embedding FROM ${table(collectionId)} WHERE id > $1 ORDER BY id LIMIT $2`,
        [afterId, limit],
      );
      return rows.map((row) => ({ id: row.id, vector: floats(row.embedding) }));
    },
    async allVectors(collectionId) {
      const layout = await layoutOf(collectionId);
      if (!layout) return [];
      if (layout === 'pgvector') {
        const rows = await db.query<{ id: number; embedding: string }>(
          `SELECT id, embedding::text AS embedding FROM ${table(collectionId)} ORDER BY id`,
        );
        return rows.map((row) => ({ id: row.id, vector: parseVector(row.embedding) }));
      }
      const rows = await db.query<{ id: number; embedding: Uint8Array }>(
        `SELECT id, embedding FROM ${table(collectionId)} ORDER BY id`,
      );
      return rows.map((row) => ({ id: row.id, vector: floats(row.embedding) }));
    },
    async searchVectors(collectionId, query, { limit, candidates, approximate = false }) {
      const layout = await requireLayout(collectionId);
      if (candidates && candidates.size === 0) return [];
      if (layout === 'bytes') return exactInProcess(collectionId, query, limit, candidates);
      const literal = vectorLiteral(query);
      if (candidates) {
        return db.query<RagVectorHit>(
          `SELECT id, embedding <=> $1::vector AS distance FROM ${table(collectionId)}
           WHERE id = ANY($2::bigint[]) ORDER BY distance, id LIMIT $3`,
          [literal, [...candidates], limit],
        );
      }
      if (approximate) {
        // The HNSW index answers `ORDER BY embedding <=> q`; ef_search (the candidate list the graph
        // walk keeps) bounds how many it returns and sets recall: twice the limit, 64 at least.
        const efSearch = Math.max(64, Math.min(1000, 2 * Math.trunc(limit)));
        return db.transaction(async (tx) => {
          await tx.query(`SET LOCAL hnsw.ef_search = ${efSearch}`);
          return tx.query<RagVectorHit>(
            `SELECT id, embedding <=> $1::vector AS distance FROM ${table(collectionId)}
             ORDER BY embedding <=> $1::vector LIMIT $2`,
            [literal, limit],
          );
        });
      }
      // Exact: ordering by an expression the index does not match makes the planner scan every row.
      return db.query<RagVectorHit>(
        `SELECT id, embedding <=> $1::vector AS distance FROM ${table(collectionId)}
         ORDER BY (embedding <=> $1::vector) + 0, id LIMIT $2`,
        [literal, limit],
      );
    },
    async countVectors(collectionId) {
      if (!(await layoutOf(collectionId))) return 0;
      const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table(collectionId)}`);
      return row.n;
    },
    async approximateIndex(collectionId) {
      // A pgvector table is always created with its HNSW index (ensureVectorTables).
      return (await layoutOf(collectionId)) === 'pgvector' ? 'hnsw' : null;
    },
    async dropVectorTables(collectionId) {
      layouts.delete(table(collectionId));
      await db.query(`DROP TABLE IF EXISTS ${table(collectionId)}`);
    },
    async cachedEmbeddings(embedder, hashes) {
      if (hashes.length === 0) return new Map();
      const rows = await db.query<{ content_hash: string; vector: Uint8Array }>(
        'SELECT content_hash, vector FROM rag_embedding_cache WHERE embedder = $1 AND content_hash = ANY($2::text[])',
        [embedder, hashes],
      );
      return new Map(rows.map((row) => [row.content_hash, floats(row.vector)]));
    },
    async cacheEmbeddings(embedder, entries) {
      if (entries.size === 0) return;
      await db.query(
        `INSERT INTO rag_embedding_cache (embedder, content_hash, vector)
         SELECT $1, content_hash, vector FROM unnest($2::text[], $3::bytea[]) AS e(content_hash, vector)
         ON CONFLICT (embedder, content_hash) DO UPDATE SET vector = excluded.vector`,
        [embedder, [...entries.keys()], [...entries.values()].map(bytes)],
      );
    },
  };
}
