// The RAG pipeline's approximate vector search on Postgres goes through pgvector's HNSW index (run in
// PGlite: Debian's server has no pgvector), not through the in-memory quantized index it builds on
// SQLite; its top 10 must match SQLite's exact search on the same collection within a stated recall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Embedder,
  type LoadedDocument,
  openRagCollection,
  type RagCollection,
} from '../src/rag/index.js';
import {
  migratePostgres,
  openSqliteStore,
  postgresMigrations,
  postgresStoreOn,
  type RagVectorRepository,
  type Store,
} from '../src/store/index.js';
import { openPgliteDatabase } from './pglite-database.js';

/** Recall@10 of HNSW search against exact search that this test requires (measured: see docs/deployment.md). */
const requiredRecall = 0.95;
const dimension = 32;
const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Each word has a fixed random direction; a text's vector is the sum of its words' directions.
const wordVectors = new Map(
  vocabulary.map((word, i) => {
    const next = seeded(i + 1);
    return [word, Float32Array.from({ length: dimension }, () => next() - 0.5)];
  }),
);
const embedder: Embedder = {
  id: 'test-word-sum:32',
  async embed(texts) {
    return texts.map((text) => {
      const vector = new Float32Array(dimension);
      for (const word of text.split(/\s+/)) {
        const direction = wordVectors.get(word);
        if (direction) for (let i = 0; i < dimension; i++) vector[i] += direction[i];
      }
      return vector;
    });
  },
};

const pick = seeded(99);
const words = (n: number) =>
  Array.from({ length: n }, () => vocabulary[Math.floor(pick() * vocabulary.length)]).join(' ');
const documents: LoadedDocument[] = Array.from({ length: 1000 }, (_, i) => ({
  source: `doc-${i}.txt`,
  format: 'text',
  metadata: {},
  sections: [{ text: words(6), metadata: {} }],
}));
const queries = Array.from({ length: 40 }, () => words(3));

/** Counts the calls the pipeline makes, to tell which path answered. */
function counting(vectors: RagVectorRepository) {
  const calls = { vectorPages: 0, approximateSearches: 0, exactSearches: 0 };
  const wrapped: RagVectorRepository = {
    ...vectors,
    approximateIndex: vectors.approximateIndex?.bind(vectors),
    async vectorPage(id, after, limit) {
      calls.vectorPages++;
      return vectors.vectorPage(id, after, limit);
    },
    async searchVectors(id, query, options) {
      if (options.approximate) calls.approximateSearches++;
      else calls.exactSearches++;
      return vectors.searchVectors(id, query, options);
    },
  };
  return { calls, wrapped };
}

let sqlite: Store;
let postgres: Store;
let exact: RagCollection;
let hnsw: RagCollection;
let quantized: RagCollection;
type Calls = ReturnType<typeof counting>['calls'];
let postgresCalls: Calls;
let sqliteCalls: Calls;

beforeAll(async () => {
  sqlite = openSqliteStore({ path: ':memory:' });
  const lite = await openPgliteDatabase();
  await migratePostgres(lite, postgresMigrations);
  postgres = postgresStoreOn(lite, 'pglite');
  const onPostgres = counting(postgres.ragVectors);
  postgresCalls = onPostgres.calls;
  const onSqlite = counting(sqlite.ragVectors);
  sqliteCalls = onSqlite.calls;
  // approximateAbove 500: the 1,000-chunk collection is searched approximately.
  exact = await openRagCollection({ store: sqlite, name: 'c', embedder, approximateAbove: 1_000_000 });
  await exact.ingest(documents);
  quantized = await openRagCollection({
    store: { ragDocuments: sqlite.ragDocuments, ragVectors: onSqlite.wrapped },
    name: 'c',
    embedder,
    approximateAbove: 500,
  });
  const writer = await openRagCollection({ store: postgres, name: 'c', embedder });
  await writer.ingest(documents);
  hnsw = await openRagCollection({
    store: { ragDocuments: postgres.ragDocuments, ragVectors: onPostgres.wrapped },
    name: 'c',
    embedder,
    approximateAbove: 500,
  });
}, 300_000);

afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
});

const ids = (hits: { source: string }[]) => hits.map((hit) => hit.source);

describe('approximate vector search in the RAG pipeline', () => {
  it("answers through pgvector's HNSW index on Postgres, within the recall tolerance of exact search", async () => {
    let found = 0;
    for (const query of queries) {
      const truth = new Set(
        ids(await exact.search(query, { mode: 'vector', limit: 10, approximate: false })),
      );
      expect(truth.size).toBe(10);
      const approximate = ids(await hnsw.search(query, { mode: 'vector', limit: 10 }));
      found += approximate.filter((source) => truth.has(source)).length;
    }
    const recall = found / (queries.length * 10);
    if (process.env.GANTRY_PRINT_RECALL) console.log(`HNSW recall@10 against exact: ${recall}`);
    expect(recall).toBeGreaterThanOrEqual(requiredRecall);
    // Every search went to the database's index; the quantized index was never built from the vectors.
    expect(postgresCalls).toEqual({
      vectorPages: 0,
      approximateSearches: queries.length,
      exactSearches: 0,
    });
  });

  it('keeps the in-memory quantized index on SQLite, which has no graph index', async () => {
    await quantized.search(queries[0], { mode: 'vector', limit: 10 });
    // Built by paging through the stored vectors (no snapshot yet: the writer searched exactly), and
    // its candidates rescored in memory (int8).
    expect(sqliteCalls.vectorPages).toBeGreaterThanOrEqual(1);
    expect(sqliteCalls.approximateSearches).toBe(0);
  });

  it('searches exactly on Postgres when asked, with the same top 10 as SQLite', async () => {
    for (const query of queries.slice(0, 10)) {
      const truth = ids(await exact.search(query, { mode: 'vector', limit: 10, approximate: false }));
      expect(ids(await hnsw.search(query, { mode: 'vector', limit: 10, approximate: false }))).toEqual(truth);
    }
  });
});
