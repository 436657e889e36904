// The RAG pipeline on Postgres and on SQLite, driven the same way: ingest, incremental re-ingest,
// removal, metadata filters and every search mode give the same hits with the same scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedDocument, openRagCollection, type RagCollection } from '../src/rag/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../src/store/index.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();

// Texts drawn from a small vocabulary with a fixed generator: overlapping but distinct, so that no two
// chunks tie (the order of exact ties is each vector index's own business).
const vocabulary = (
  'postgres replication sqlite journal vector search hnsw ranking terms redis rate limits gateway agent ' +
  'approval budget usage tokens trace span chunk index query cosine lexical fusion reranker document ' +
  'collection schema migration backup replica pool lock transaction checksum'
).split(' ');
let state = 11;
const nextWord = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return vocabulary[(state >>> 8) % vocabulary.length];
};
const documents: LoadedDocument[] = Array.from({ length: 30 }, (_, i) => ({
  source: `docs/${String(i).padStart(2, '0')}.md`,
  format: 'text' as const,
  metadata: { team: i % 3 === 0 ? 'db' : 'search', page: i },
  sections: [{ text: Array.from({ length: 12 + (i % 9) }, nextWord).join(' '), metadata: {} }],
}));

const stores: Record<string, Store> = {};
const collections: Record<string, RagCollection> = {};

beforeAll(async () => {
  stores.sqlite = openSqliteStore({ path: ':memory:' });
  stores.postgres = await openPostgresStore({ url: postgres.url, schema: postgres.schema('rag') });
  for (const [name, store] of Object.entries(stores)) {
    collections[name] = await openRagCollection({ store, name: 'notes', embedder: 'lsa', lsaDimension: 12 });
    await collections[name].ingest(documents);
  }
}, 120_000);

afterAll(async () => {
  for (const store of Object.values(stores)) await store.close();
});

const hits = async (name: string, query: string, options: Parameters<RagCollection['search']>[1]) =>
  (await collections[name].search(query, options)).map((hit) => ({
    source: hit.source,
    score: hit.score,
  }));

// Same sources in the same order; scores equal up to float32 rounding (sqlite-vec scores in float32).
function expectSameHits(
  actual: { source: string; score: number }[],
  expected: { source: string; score: number }[],
) {
  expect(actual.map((h) => h.source)).toEqual(expected.map((h) => h.source));
  for (const [i, hit] of actual.entries()) expect(hit.score).toBeCloseTo(expected[i].score, 5);
}

describe('RAG on Postgres and SQLite', () => {
  it('ranks the same hits with the same scores in every mode, with and without filters', async () => {
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      for (const query of ['postgres replication', 'hnsw vector', 'rate limits in redis']) {
        const onSqlite = await hits('sqlite', query, { mode, limit: 8 });
        expect(onSqlite.length).toBeGreaterThan(0);
        expectSameHits(await hits('postgres', query, { mode, limit: 8 }), onSqlite);
        const filtered = await hits('sqlite', query, { mode, limit: 8, filter: { team: 'db' } });
        expectSameHits(await hits('postgres', query, { mode, limit: 8, filter: { team: 'db' } }), filtered);
      }
    }
  });

  it('re-ingests changed documents incrementally and removes sources alike', async () => {
    const changed = documents.slice(0, 3).map((d) => ({
      ...d,
      sections: [{ text: `${d.sections[0].text} Now also about postgres vacuum.`, metadata: {} }],
    }));
    const reports = [];
    for (const name of Object.keys(stores)) {
      reports.push(await collections[name].ingest(changed));
      expect(await collections[name].removeSource('docs/29.md')).toBeGreaterThan(0);
    }
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0].chunksAdded).toBeGreaterThan(0);
    expectSameHits(
      await hits('postgres', 'postgres vacuum', { mode: 'bm25', limit: 5 }),
      await hits('sqlite', 'postgres vacuum', { mode: 'bm25', limit: 5 }),
    );
    expect(await collections.postgres.stats()).toEqual(await collections.sqlite.stats());
  });
});
