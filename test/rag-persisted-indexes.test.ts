// Persisted RAG indexes on a real SQLite file: a reopened collection answers from the stored snapshot
// and change log without rebuilding, incremental ingests and deletions reach a reopened collection, a
// snapshot write that fails midway keeps the previous one, and a process killed with -9 while it
// writes leaves indexes equal to a rebuild from the stored rows.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, Bm25Index, openRagCollection } from '../src/rag/index.js';
import { openLexicalIndex, openQuantizedIndex } from '../src/rag/pipeline/persisted-indexes.js';
import type { RagDocumentRepository, SqliteStore } from '../src/store/index.js';
import { hashEmbedder, syntheticDocuments, temporaryStores } from './rag-index-fixtures.js';

const stores = temporaryStores('rag-persisted-');
const open = stores.open;

const options = {
  name: 'docs',
  embedder: hashEmbedder,
  approximateAbove: 100,
  chunkerFor: () => (text: string) => [{ text, metadata: {} }],
};

/** Counts the rebuild reads, to tell an opened snapshot from a rebuild. */
function counting(documents: RagDocumentRepository) {
  const calls = { chunkPages: 0 };
  const wrapped: RagDocumentRepository = {
    ...documents,
    async chunkTermsPage(id, after, limit) {
      calls.chunkPages++;
      return documents.chunkTermsPage(id, after, limit);
    },
  };
  return { calls, wrapped };
}

const queries = ['w1x w2x', 'w3x w5x w7x', 'doc17 w9x', 'wax wbx'];

async function answers(collection: Awaited<ReturnType<typeof openRagCollection>>) {
  const result: unknown[] = [];
  for (const query of queries) {
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      result.push((await collection.search(query, { mode, limit: 5 })).map((hit) => [hit.source, hit.score]));
    }
  }
  return result;
}

/** The BM25 ranking a fresh index built from every stored chunk gives (the ground truth). */
async function rebuiltRanking(store: SqliteStore, collectionId: number, query: string) {
  const index = new Bm25Index();
  for (const { id, terms } of await store.ragDocuments.chunkTerms(collectionId))
    index.addTerms(String(id), terms);
  return index.search(query, { limit: 10 });
}

describe('persisted RAG indexes', () => {
  it('reopens from the stored snapshot without a rebuild and answers as before', async () => {
    const writer = await openRagCollection({ ...options, store: open(), snapshotAfter: 0 });
    await writer.ingest(syntheticDocuments(300));
    const before = await answers(writer);

    const store = open();
    const { calls, wrapped } = counting(store.ragDocuments);
    const reader = await openRagCollection({ ...options, store: { ...store, ragDocuments: wrapped } });
    expect(await answers(reader)).toEqual(before);
    expect(calls.chunkPages).toBe(0);
    const collectionId = (await store.ragDocuments.getCollection('docs'))!.id;
    expect(await store.ragDocuments.indexLog(collectionId, 'bm25', 0)).toEqual([]);
    const quantized = await openQuantizedIndex(store.ragDocuments, store.ragVectors, collectionId, 16);
    expect(quantized.source).toBe('snapshot');
    expect(quantized.index.size).toBe(300);
  });

  it('replays ingests and deletions made after the snapshot', async () => {
    const first = await openRagCollection({ ...options, store: open(), snapshotAfter: 0 });
    await first.ingest(syntheticDocuments(200));
    // Changes below the snapshot threshold stay in the log only.
    const second = await openRagCollection({ ...options, store: open(), snapshotAfter: 1_000_000 });
    await second.ingest(syntheticDocuments(50, 200));
    await second.removeSource('doc-3');
    await second.ingest([
      { ...syntheticDocuments(1, 5)[0], sections: [{ text: 'replaced w1x w2x', metadata: {} }] },
    ]);
    const expected = await answers(second);

    const store = open();
    const collectionId = (await store.ragDocuments.getCollection('docs'))!.id;
    expect((await store.ragDocuments.indexLog(collectionId, 'bm25', 0)).length).toBeGreaterThan(50);
    const { calls, wrapped } = counting(store.ragDocuments);
    const reader = await openRagCollection({ ...options, store: { ...store, ragDocuments: wrapped } });
    expect(await answers(reader)).toEqual(expected);
    expect(calls.chunkPages).toBe(0);
    for (const query of queries) {
      const opened = await openLexicalIndex(store.ragDocuments, collectionId, {
        bm25: {},
        analyzer: analyzeText,
      });
      expect(opened.source).toBe('snapshot');
      expect(opened.index.size).toBe(249);
      expect(opened.index.search(query, { limit: 10 })).toEqual(
        await rebuiltRanking(store, collectionId, query),
      );
    }
  });

  it('keeps the previous snapshot when writing a new one fails midway', async () => {
    const store = open();
    const writer = await openRagCollection({ ...options, store, snapshotAfter: 0 });
    await writer.ingest(syntheticDocuments(150));
    const collectionId = (await store.ragDocuments.getCollection('docs'))!.id;
    const saved = await store.ragDocuments.loadIndexSnapshot(collectionId, 'bm25');
    // The second part of any new snapshot fails to insert, inside the snapshot's transaction.
    store.database.exec(`CREATE TRIGGER fail_snapshot BEFORE INSERT ON rag_index_snapshots WHEN NEW.part = 1
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(writer.ingest(syntheticDocuments(20, 150))).rejects.toThrow(/disk full/);
    store.database.exec('DROP TRIGGER fail_snapshot');
    const kept = await store.ragDocuments.loadIndexSnapshot(collectionId, 'bm25');
    expect(kept?.logSeq).toBe(saved?.logSeq);
    // The 20 new chunks are in the log, so a reopened collection still finds them.
    const reader = await openRagCollection({ ...options, store: open() });
    const hits = await reader.search('doc160', { mode: 'bm25', limit: 1 });
    expect(hits[0]?.source).toBe('doc-160');
  });

  it.each(['snapshots', 'bulk'])(
    'leaves usable indexes when the writing process is killed with -9 (%s)',
    async (mode) => {
      const ready = join(stores.folder(), 'ready');
      const child = spawn(
        process.execPath,
        ['bin/run-ts.js', 'test/rag-index-crash-child.ts', stores.path(), ready, mode],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let errors = '';
      child.stderr.on('data', (data) => {
        errors += data;
      });
      const deadline = Date.now() + 90_000;
      while (!existsSync(ready)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`child did not start: ${errors}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const store = open();
      const collectionId = (await store.ragDocuments.getCollection('crash'))!.id;
      const chunks = await store.ragDocuments.countChunks(collectionId);
      const lexical = await openLexicalIndex(store.ragDocuments, collectionId, {
        bm25: {},
        analyzer: analyzeText,
      });
      expect(lexical.index.size).toBe(chunks);
      for (const query of queries)
        expect(lexical.index.search(query, { limit: 10 })).toEqual(
          await rebuiltRanking(store, collectionId, query),
        );
      const quantized = await openQuantizedIndex(store.ragDocuments, store.ragVectors, collectionId, 16);
      const vectorIds = (await store.ragVectors.allVectors(collectionId)).map((entry) => entry.id);
      expect(quantized.index.size).toBe(vectorIds.length);
      for (const id of vectorIds) expect(quantized.index.has(id)).toBe(true);

      // Every round whose writes had returned before the kill is there, searchable every way.
      const done = Number(readFileSync(`${ready}.done`, 'utf8'));
      expect(chunks).toBeGreaterThanOrEqual(200 * (done + 1) - done);
      const reader = await openRagCollection({ ...options, name: 'crash', store });
      for (const n of [0, 199, done * 200 + 3, done * 200 + 199]) {
        const [document] = syntheticDocuments(1, n);
        const lexicalHits = await reader.search(`doc${n}`, { mode: 'bm25', limit: 1 });
        expect(lexicalHits[0]?.source).toBe(`doc-${n}`);
        for (const mode of ['vector', 'hybrid'] as const) {
          const hits = await reader.search(document.sections[0].text, { mode, limit: 5 });
          expect(hits.map((hit) => hit.source)).toContain(`doc-${n}`);
        }
      }
    },
    120_000,
  );
});
