// A bulk ingest's writes on the SQLite background writer thread: the same collection as writing on the
// ingesting thread, a failed write surfacing as RAG_WRITE_FAILED with nothing after it stored and the
// collection consistent, and the writer's own contract (order, refusal after a failure, in-memory
// databases without one). The kill -9 test in rag-persisted-indexes.test.ts ('bulk') covers a crash.
import { describe, expect, it } from 'vitest';
import { GantryError } from '../src/errors/index.js';
import { openRagCollection, type RagCollection } from '../src/rag/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { hashEmbedder, syntheticDocuments, temporaryStores } from './rag-index-fixtures.js';

const stores = temporaryStores('rag-writer-');

const open = (store: SqliteStore, background: boolean, name = 'docs') =>
  openRagCollection({
    store,
    name,
    embedder: hashEmbedder,
    bulkWriteAbove: background ? 0 : Number.POSITIVE_INFINITY,
    backgroundWrites: background,
    chunkerFor: () => (text) => [{ text, metadata: {} }],
  });

/** Sources and rank order of a few searches in every mode. */
async function answers(collection: RagCollection) {
  const results: string[][] = [];
  for (const query of ['doc12 w1x', 'doc250', 'w3x w5x w7x', 'doc77 w2ax']) {
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      const hits = await collection.search(query, { mode, limit: 5 });
      results.push(hits.map((hit) => `${hit.source}:${hit.score.toFixed(4)}`));
    }
  }
  return results;
}

const sources = (store: SqliteStore) =>
  (store.database.prepare('SELECT source FROM rag_documents ORDER BY id').all() as { source: string }[]).map(
    (row) => row.source,
  );

describe('background writer ingest', () => {
  it('stores the same collection as writing on the ingesting thread, and reopens the same', async () => {
    const directStore = openSqliteStore({ path: ':memory:' });
    const background = stores.open();
    const started: string[] = [];
    const documents = {
      ...background.ragDocuments,
      backgroundWriter: () => {
        started.push('writer');
        return background.ragDocuments.backgroundWriter!();
      },
    };
    const viaWriter = await openRagCollection({
      store: { ...background, ragDocuments: documents },
      name: 'docs',
      embedder: hashEmbedder,
      bulkWriteAbove: 0,
      chunkerFor: () => (text) => [{ text, metadata: {} }],
    });
    const direct = await open(directStore, false);
    const report = await viaWriter.ingest(syntheticDocuments(300));
    expect(started).toEqual(['writer']);
    expect(report).toEqual(await direct.ingest(syntheticDocuments(300)));
    expect(report.chunksAdded).toBe(300);
    expect(await viaWriter.stats()).toEqual(await direct.stats());
    const expected = await answers(direct);
    expect(await answers(viaWriter)).toEqual(expected);

    // A second ingest through the writer: changed documents replaced, removed chunks' vectors gone.
    const changed = syntheticDocuments(40, 280).map((document) => ({
      ...document,
      sections: [{ text: `${document.sections[0].text} changed`, metadata: {} }],
    }));
    const second = await viaWriter.ingest(changed);
    expect(second).toEqual(await direct.ingest(changed));
    expect(await viaWriter.stats()).toEqual(await direct.stats());
    expect(await answers(viaWriter)).toEqual(await answers(direct));

    // Another process (a fresh store on the file) opens it from the snapshots and log: same answers.
    const reopened = await open(stores.open(), false);
    expect(await answers(reopened)).toEqual(await answers(direct));
    await directStore.close();
  });

  it('a failed write rejects with RAG_WRITE_FAILED; nothing after it is stored; the collection stays consistent', async () => {
    const store = stores.open();
    const collection = await open(store, true);
    await open(store, false).then((first) => first.ingest(syntheticDocuments(50)));
    // Groups of 64 documents: 50–113, 114–177 (holds doc150, refused by the trigger), 178–241, 242–299.
    store.database.exec(
      `CREATE TRIGGER poison BEFORE INSERT ON rag_chunks WHEN NEW.text LIKE 'doc150 %'
       BEGIN SELECT RAISE(ABORT, 'poisoned chunk'); END`,
    );
    const failure = await collection.ingest(syntheticDocuments(250, 50)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GantryError);
    expect((failure as GantryError).code).toBe('RAG_WRITE_FAILED');
    expect((failure as GantryError).message).toMatch(/poisoned chunk/);
    // The group before the failure is stored whole; the failed group and everything after are not.
    expect(sources(store)).toEqual(Array.from({ length: 114 }, (_, n) => `doc-${n}`));

    // The same collection object answers from the store's state (its indexes were dropped).
    const stored = async (target: RagCollection, n: number) =>
      (await target.search(`doc${n}`, { mode: 'bm25', limit: 3 })).some((hit) => hit.source === `doc-${n}`);
    expect(await stored(collection, 100)).toBe(true);
    expect(await stored(collection, 200)).toBe(false);
    const reopened = await open(stores.open(), false);
    expect(await stored(reopened, 100)).toBe(true);
    expect(await stored(reopened, 200)).toBe(false);

    // Once the cause is gone the ingest completes.
    store.database.exec('DROP TRIGGER poison');
    await collection.ingest(syntheticDocuments(250, 50));
    expect(sources(store)).toHaveLength(300);
    expect(await stored(collection, 200)).toBe(true);
    expect(await stored(collection, 150)).toBe(true);
  });
});

describe('two bulk ingests at once on one collection', () => {
  it('each uses its own writer; every document is stored and searchable', async () => {
    const store = stores.open();
    const collection = await open(store, true);
    const reports = await Promise.all([
      collection.ingest(syntheticDocuments(150)),
      collection.ingest(syntheticDocuments(150, 150)),
    ]);
    expect(reports.map((report) => report.chunksAdded)).toEqual([150, 150]);
    expect(sources(store)).toHaveLength(300);
    expect(await collection.stats()).toMatchObject({ documents: 300, chunks: 300, vectors: 300 });
    for (const n of [10, 140, 160, 290]) {
      const hits = await collection.search(`doc${n}`, { mode: 'bm25', limit: 3 });
      expect(hits.map((hit) => hit.source)).toContain(`doc-${n}`);
    }
    const reopened = await open(stores.open(), false);
    expect(await answers(reopened)).toEqual(await answers(collection));
  });
});

describe('SQLite background writer', () => {
  it('applies writes in order and hands back row ids with the chunks sent', async () => {
    const store = stores.open();
    const { id } = await store.ragDocuments.ensureCollection('w');
    await store.ragVectors.ensureVectorTables(id, 2);
    const writer = store.ragDocuments.backgroundWriter!()!;
    const chunk = (text: string) => ({
      chunkId: text,
      text,
      metadata: { n: 1 },
      terms: new Map([[text, 2]]),
    });
    const [change] = await writer.replaceDocuments(id, [
      { document: { source: 'a', contentHash: '1', metadata: {} }, chunks: ['x', 'y'].map(chunk) },
    ]);
    expect(change.added.map((record) => [record.text, record.ordinal, record.source])).toEqual([
      ['x', 0, 'a'],
      ['y', 1, 'a'],
    ]);
    expect(change.added[0].terms).toEqual(new Map([['x', 2]]));
    const put = writer.putVectors(
      id,
      change.added.map((record, index) => ({ id: record.id, vector: new Float32Array([1, index]) })),
    );
    const generation = await writer.bumpGeneration(id);
    await put;
    await writer.close();
    expect(generation).toBe(1);
    expect(await store.ragVectors.countVectors(id)).toBe(2);
    const [stored] = await store.ragDocuments.getChunks([change.added[1].id]);
    expect(stored.terms).toEqual(new Map([['y', 2]]));
  });

  it('refuses every write after a failure, and close reports it', async () => {
    const store = stores.open();
    const { id } = await store.ragDocuments.ensureCollection('w');
    const writer = store.ragDocuments.backgroundWriter!()!;
    const failed = writer.putVectors(id, [{ id: 1, vector: new Float32Array([1, 0]) }]); // no vector table
    const later = writer.bumpGeneration(id);
    await expect(failed).rejects.toMatchObject({ code: 'RAG_WRITE_FAILED' });
    await expect(later).rejects.toMatchObject({ code: 'RAG_WRITE_FAILED' });
    await expect(writer.close()).rejects.toMatchObject({ code: 'RAG_WRITE_FAILED' });
    expect(await store.ragDocuments.generation(id)).toBe(0);
  });

  it('is not offered for an in-memory database', () => {
    const store = openSqliteStore({ path: ':memory:' });
    expect(store.ragDocuments.backgroundWriter?.()).toBeUndefined();
    return store.close();
  });
});
