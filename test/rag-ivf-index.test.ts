// The quantized index's IVF form through the store (real SQLite file): a trained index's snapshot is
// reopened without a rebuild and stays trained, ingests and deletions written after the snapshot are
// replayed into its lists, and a damaged or old-format quantized snapshot is refused and rebuilt from
// the stored vectors.
import { describe, expect, it } from 'vitest';
import { openRagCollection } from '../src/rag/index.js';
import { openQuantizedIndex } from '../src/rag/pipeline/persisted-indexes.js';
import { encodeQuantized, QuantizedVectorIndex } from '../src/search/index.js';
import { encodeParts } from '../src/search/snapshot/index.js';
import { hashEmbedder, syntheticDocuments, temporaryStores } from './rag-index-fixtures.js';

const stores = temporaryStores('rag-ivf-');
const open = stores.open;

const options = {
  name: 'docs',
  embedder: hashEmbedder,
  approximateAbove: 100,
  chunkerFor: () => (text: string) => [{ text, metadata: {} }],
};

/** Ingests `count` documents, then stores a trained (IVF) snapshot of the stored vectors in place of the pipeline's. */
async function trainedCollection(count: number) {
  const store = open();
  const writer = await openRagCollection({ ...options, store, snapshotAfter: 0 });
  await writer.ingest(syntheticDocuments(count));
  const collectionId = (await store.ragDocuments.getCollection('docs'))!.id;
  const index = new QuantizedVectorIndex(16, { rescore: 'int8', ivfAbove: 200 });
  for (let after = 0; ; ) {
    const page = await store.ragVectors.vectorPage(collectionId, after, 1000);
    if (page.length === 0) break;
    for (const { id, vector } of page) index.add(id, vector);
    after = page[page.length - 1].id;
  }
  expect(index.trained).toBe(true);
  const logSeq = await store.ragDocuments.lastIndexSeq(collectionId);
  await store.ragDocuments.saveIndexSnapshot(
    collectionId,
    'quantized',
    logSeq,
    encodeQuantized(index.exportState()),
  );
  return { store, collectionId, index };
}

describe('IVF quantized index through the store', () => {
  it('reopens a trained snapshot without a rebuild and replays later ingests and deletions into its lists', async () => {
    const { collectionId, index } = await trainedCollection(400);
    const reopened = await openQuantizedIndex(open().ragDocuments, open().ragVectors, collectionId, 16);
    expect(reopened.source).toBe('snapshot');
    expect(reopened.index.trained).toBe(true);
    const query = (await hashEmbedder.embed(['w1x w2x w3x']))[0];
    expect(reopened.index.search(query, { limit: 10 })).toEqual(index.search(query, { limit: 10 }));

    // Changes after the snapshot (kept in the log only: the threshold is not reached).
    const later = await openRagCollection({ ...options, store: open(), snapshotAfter: 1_000_000 });
    await later.ingest(syntheticDocuments(60, 400));
    await later.removeSource('doc-3');
    await later.removeSource('doc-410');
    const store = open();
    const replayed = await openQuantizedIndex(store.ragDocuments, store.ragVectors, collectionId, 16);
    expect(replayed.source).toBe('snapshot');
    expect(replayed.index.trained).toBe(true);
    expect(replayed.unsaved).toBeGreaterThan(0);
    const stored = new Map<number, Float32Array>();
    for (let after = 0; ; ) {
      const page = await store.ragVectors.vectorPage(collectionId, after, 1000);
      if (page.length === 0) break;
      for (const { id, vector } of page) stored.set(id, vector);
      after = page[page.length - 1].id;
    }
    expect(replayed.index.size).toBe(stored.size);
    for (const id of stored.keys()) expect(replayed.index.has(id)).toBe(true);
    // Every stored vector is in a list: probing all lists and rescoring everything returns them all.
    const everything = replayed.index.search(query, { limit: 10_000, candidates: 10_000, probes: 10_000 });
    expect(everything.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(
      [...stored.keys()].sort((a, b) => a - b),
    );
    // And the collection's approximate search answers from it.
    const hits = await later.search('w1x w2x', { mode: 'vector', limit: 5 });
    expect(hits.length).toBe(5);
  });

  it('refuses a damaged or old-format quantized snapshot and rebuilds from the stored vectors', async () => {
    const { store, collectionId } = await trainedCollection(300);
    const loaded = (await store.ragDocuments.loadIndexSnapshot(collectionId, 'quantized'))!;
    const damaged = loaded.parts.slice(0, -1); // a block part missing
    for (const parts of [
      damaged,
      encodeParts(
        { kind: 'quantized', version: 1, dimension: 16 },
        {
          ids: new Int32Array(1),
          codes: new Uint32Array(1),
          scalars: new Int8Array(16),
          scales: new Float32Array(1),
        },
      ),
    ]) {
      await store.ragDocuments.saveIndexSnapshot(collectionId, 'quantized', loaded.logSeq, parts);
      const reopened = await openQuantizedIndex(store.ragDocuments, store.ragVectors, collectionId, 16);
      expect(reopened.source).toBe('rebuilt');
      expect(reopened.index.size).toBe(300);
    }
  });

  it('counts a snapshot of another dimension as none: rebuilt, reported so, and wholly unsaved', async () => {
    const { store, collectionId } = await trainedCollection(300);
    const loaded = (await store.ragDocuments.loadIndexSnapshot(collectionId, 'quantized'))!;
    const other = new QuantizedVectorIndex(8, { rescore: 'int8' });
    other.add(1, new Float32Array(8).fill(0.5));
    await store.ragDocuments.saveIndexSnapshot(
      collectionId,
      'quantized',
      loaded.logSeq,
      encodeQuantized(other.exportState()),
    );
    const reopened = await openQuantizedIndex(store.ragDocuments, store.ragVectors, collectionId, 16);
    expect(reopened.source).toBe('rebuilt');
    expect(reopened.index.size).toBe(300);
    // Unsaved counts the whole index, so the next save replaces the stale snapshot.
    expect(reopened.unsaved).toBeGreaterThan(300);
  });
});
