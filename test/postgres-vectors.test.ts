// Vector search on the three backends, on the same vectors: SQLite (sqlite-vec), Postgres with
// pgvector (run through PGlite: Debian's server has no pgvector) and Postgres without it (vectors as
// bytes, exact search in process). Exact k-NN returns the same ids in the same order everywhere;
// pgvector's HNSW index answers approximate searches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migratePostgres,
  openPostgresStore,
  openSqliteStore,
  type PostgresStore,
  postgresMigrations,
  postgresStoreOn,
  type Store,
} from '../src/store/index.js';
import { openPgliteDatabase } from './pglite-database.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const dimension = 24;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

const next = random(7);
const vectors = Array.from({ length: 400 }, (_, i) => ({
  id: i + 1,
  vector: Float32Array.from({ length: dimension }, next),
}));
const queries = Array.from({ length: 8 }, () => Float32Array.from({ length: dimension }, next));

const backends: Record<string, Store> = {};

beforeAll(async () => {
  backends.sqlite = openSqliteStore({ path: ':memory:' });
  backends['postgres (bytes, exact in process)'] = await openPostgresStore({
    url: postgres.url,
    schema: postgres.schema('vectors'),
  });
  const lite = await openPgliteDatabase();
  await migratePostgres(lite, postgresMigrations);
  backends['postgres (pgvector via PGlite)'] = postgresStoreOn(lite, 'pglite');
  for (const store of Object.values(backends)) {
    const { id } = await store.ragDocuments.ensureCollection('c');
    await store.ragVectors.ensureVectorTables(id, dimension);
    await store.ragVectors.putVectors(id, vectors);
  }
}, 120_000);

afterAll(async () => {
  for (const store of Object.values(backends)) await store.close();
});

const collectionId = async (store: Store) => (await store.ragDocuments.getCollection('c'))!.id;

describe('vector search on SQLite, Postgres with pgvector and Postgres without', () => {
  it('stores vectors with pgvector where the server has it, as bytes where it has not', async () => {
    const lite = backends['postgres (pgvector via PGlite)'] as PostgresStore;
    const server = backends['postgres (bytes, exact in process)'] as typeof lite;
    const typeOf = async (store: typeof lite) =>
      (
        await store.database.query(
          "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = to_regclass('rag_vectors_1') AND attname = 'embedding'",
        )
      )[0].type;
    expect(await typeOf(lite)).toBe(`vector(${dimension})`);
    expect(await typeOf(server)).toBe('bytea');
    const indexes = await lite.database.query(
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'rag_vectors_1'",
    );
    expect(indexes.map((row) => String(row.indexdef)).join('\n')).toMatch(/USING hnsw .*vector_cosine_ops/);
  });

  it('finds the same exact nearest neighbours, in the same order, on every backend', async () => {
    for (const query of queries) {
      const results: Record<string, { id: number; distance: number }[]> = {};
      for (const [name, store] of Object.entries(backends)) {
        results[name] = await store.ragVectors.searchVectors(await collectionId(store), query, { limit: 10 });
      }
      const reference = results.sqlite;
      expect(reference).toHaveLength(10);
      for (const [name, hits] of Object.entries(results)) {
        expect(
          hits.map((h) => h.id),
          name,
        ).toEqual(reference.map((h) => h.id));
        for (const [i, hit] of hits.entries()) expect(hit.distance).toBeCloseTo(reference[i].distance, 5);
      }
    }
  });

  it('restricts a search to candidate ids (metadata filters) the same way', async () => {
    const candidates = new Set(vectors.filter((v) => v.id % 3 === 0).map((v) => v.id));
    const answers = await Promise.all(
      Object.values(backends).map(async (store) =>
        (
          await store.ragVectors.searchVectors(await collectionId(store), queries[0], {
            limit: 5,
            candidates,
          })
        ).map((h) => h.id),
      ),
    );
    expect(answers[0].every((id) => id % 3 === 0)).toBe(true);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it("answers approximate searches through pgvector's HNSW index with high recall", async () => {
    const lite = backends['postgres (pgvector via PGlite)'];
    let found = 0;
    for (const query of queries) {
      const exact = await backends.sqlite.ragVectors.searchVectors(1, query, { limit: 10 });
      const approximate = await lite.ragVectors.searchVectors(await collectionId(lite), query, {
        limit: 10,
        approximate: true,
      });
      const truth = new Set(exact.map((h) => h.id));
      found += approximate.filter((h) => truth.has(h.id)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads back, deletes and counts vectors alike', async () => {
    for (const store of Object.values(backends)) {
      const id = await collectionId(store);
      const got = await store.ragVectors.getVectors(id, [1, 2]);
      expect([...got.get(1)!]).toEqual([...vectors[0].vector]);
      await store.ragVectors.deleteVectors(id, [400]);
      expect(await store.ragVectors.countVectors(id)).toBe(399);
      await store.ragVectors.putVectors(id, [vectors[399]]);
    }
  });
});
