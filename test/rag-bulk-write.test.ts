// The SQLite RAG store's bulk-ingest path: change-log rows that cover runs of consecutive ids (one row
// per write transaction, expanded on read, order kept for removals and re-adds), and the bulk-write
// settings (applied for the duration, shared by overlapping bulk writes, restored at the end).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRagCollection } from '../src/rag/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { bulkCheckpointPages } from '../src/store/rag/sqlite/bulk-write.js';
import { hashEmbedder, syntheticDocuments } from './rag-index-fixtures.js';

let folder: string;
let store: SqliteStore;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'rag-bulk-'));
  store = openSqliteStore({ path: join(folder, 'rag.db') });
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

const chunk = (text: string) => ({
  chunkId: text,
  text,
  metadata: {},
  terms: new Map([[text, 1]]),
});
const logRows = () =>
  store.database.prepare('SELECT item_id, item_count, added FROM rag_index_log ORDER BY seq').all();

describe('change-log runs', () => {
  it('writes one row per run of consecutive ids and reads back one entry per id, in order', async () => {
    const documents = store.ragDocuments;
    const { id } = await documents.ensureCollection('runs');
    const changes = await documents.replaceDocuments(id, [
      { document: { source: 'a', contentHash: '1', metadata: {} }, chunks: ['a1', 'a2', 'a3'].map(chunk) },
      { document: { source: 'b', contentHash: '1', metadata: {} }, chunks: ['b1', 'b2'].map(chunk) },
    ]);
    const added = changes.flatMap((change) => change.added.map((record) => record.id));
    expect(added).toHaveLength(5);
    expect(logRows()).toEqual([{ item_id: added[0], item_count: 5, added: 1 }]);

    // Replacing a's chunks removes two and adds one: the removal run is logged before the addition.
    const [replaced] = await documents.replaceDocuments(id, [
      { document: { source: 'a', contentHash: '2', metadata: {} }, chunks: ['a1', 'a4'].map(chunk) },
    ]);
    expect(replaced.removed).toEqual([added[1], added[2]]);
    const log = await documents.indexLog(id, 'bm25', 0);
    expect(log.map((entry) => [entry.id, entry.added])).toEqual([
      ...added.map((item) => [item, true]),
      [added[1], false],
      [added[2], false],
      [replaced.added[0].id, true],
    ]);
    expect(logRows()).toHaveLength(3);
    // Entries of one run share its log position.
    expect(new Set(log.slice(0, 5).map((entry) => entry.seq)).size).toBe(1);

    await store.ragVectors.ensureVectorTables(id, 2);
    await store.ragVectors.putVectors(
      id,
      added.map((item) => ({ id: item, vector: new Float32Array([1, item]) })),
    );
    const vectorLog = await documents.indexLog(id, 'quantized', 0);
    expect(vectorLog.map((entry) => entry.id)).toEqual(added);
    expect(logRows()).toHaveLength(4);
  });
});

describe('bulk-write settings', () => {
  const setting = (name: string) => store.database.pragma(name, { simple: true });

  it('applies them while any bulk write is open and restores them after the last', async () => {
    const checkpoint = setting('wal_autocheckpoint');
    const cache = setting('cache_size');
    const endFirst = await store.ragDocuments.bulkWrite!();
    const endSecond = await store.ragDocuments.bulkWrite!();
    expect(setting('wal_autocheckpoint')).toBe(bulkCheckpointPages);
    await endFirst();
    await endFirst();
    expect(setting('wal_autocheckpoint')).toBe(bulkCheckpointPages);
    await endSecond();
    expect(setting('wal_autocheckpoint')).toBe(checkpoint);
    expect(setting('cache_size')).toBe(cache);
  });

  it('is used by a large ingest and ended even when the ingest fails', async () => {
    const calls: string[] = [];
    const documents = {
      ...store.ragDocuments,
      bulkWrite: async () => {
        calls.push('begin');
        const end = await store.ragDocuments.bulkWrite!();
        return async () => {
          calls.push('end');
          await end();
        };
      },
    };
    const collection = await openRagCollection({
      store: { ...store, ragDocuments: documents },
      name: 'bulk',
      embedder: hashEmbedder,
      bulkWriteAbove: 50,
      chunkerFor: () => (text) => [{ text, metadata: {} }],
    });
    await collection.ingest(syntheticDocuments(20));
    expect(calls).toEqual([]);
    await collection.ingest(syntheticDocuments(60, 20));
    expect(calls).toEqual(['begin', 'end']);
    expect(setting('wal_autocheckpoint')).not.toBe(bulkCheckpointPages);
    const hits = await collection.search('doc70', { mode: 'bm25', limit: 1 });
    expect(hits[0]?.source).toBe('doc-70');

    const failing = await openRagCollection({
      store: { ...store, ragDocuments: documents },
      name: 'bulk-failing',
      embedder: { id: 'failing', embed: async () => Promise.reject(new Error('model down')) },
      bulkWriteAbove: 50,
      chunkerFor: () => (text) => [{ text, metadata: {} }],
    });
    await expect(failing.ingest(syntheticDocuments(60))).rejects.toThrow(/model down/);
    expect(calls).toEqual(['begin', 'end', 'begin', 'end']);
    expect(setting('wal_autocheckpoint')).not.toBe(bulkCheckpointPages);
  });
});
