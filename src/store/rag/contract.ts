// The rag domain's contract: the behaviour every backend's document and vector repositories must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { RagRepositories } from './repository.js';
import type { RagChunkInput } from './types.js';

const chunk = (chunkId: string, metadata: Record<string, unknown> = {}): RagChunkInput => ({
  chunkId,
  text: `text of ${chunkId}`,
  metadata,
  terms: new Map([
    [chunkId, 2],
    ['shared', 1],
  ]),
});

const document = (source: string, contentHash = `hash-${source}`) => ({
  source,
  contentHash,
  metadata: { source, lang: 'en' },
});

export const ragContract: DomainContract<RagRepositories> = (backend, open) => {
  describe(`rag domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('ensures a collection once, records its embedder, and lists collections by name with counts', async () => {
      const created = await store.ragDocuments.ensureCollection('notes');
      expect(created).toMatchObject({
        name: 'notes',
        embedder: null,
        dimension: null,
        embedderState: null,
        settings: {},
      });
      expect((await store.ragDocuments.ensureCollection('notes')).id).toBe(created.id);
      const state = Buffer.from([1, 2, 3, 255]);
      await store.ragDocuments.setCollectionEmbedder(created.id, 'hash-embedder', 8, state);
      const stored = await store.ragDocuments.getCollection('notes');
      expect(stored).toMatchObject({ embedder: 'hash-embedder', dimension: 8 });
      expect(Buffer.compare(stored?.embedderState ?? Buffer.alloc(0), state)).toBe(0);
      expect(await store.ragDocuments.getCollection('missing')).toBeUndefined();

      const archive = await store.ragDocuments.ensureCollection('archive');
      await store.ragDocuments.replaceDocument(created.id, document('a.md'), [chunk('a1'), chunk('a2')]);
      const listed = await store.ragDocuments.listCollections();
      expect(listed.map((c) => [c.name, c.documents, c.chunks])).toEqual([
        ['archive', 0, 0],
        ['notes', 1, 2],
      ]);
      expect(archive.id).not.toBe(created.id);
    });

    it('deletes a collection with its documents and chunks', async () => {
      const { id } = await store.ragDocuments.ensureCollection('notes');
      await store.ragDocuments.replaceDocument(id, document('a.md'), [chunk('a1')]);
      expect(await store.ragDocuments.deleteCollection('notes')).toBe(true);
      expect(await store.ragDocuments.deleteCollection('notes')).toBe(false);
      expect(await store.ragDocuments.getCollection('notes')).toBeUndefined();
      expect(await store.ragDocuments.countChunks(id)).toBe(0);
      expect(await store.ragDocuments.listDocuments(id)).toEqual([]);
    });

    it('replaces a document by diffing its chunks: unchanged chunks keep their row, others come and go', async () => {
      const { id } = await store.ragDocuments.ensureCollection('notes');
      const first = await store.ragDocuments.replaceDocument(id, document('a.md'), [
        chunk('c1', { page: 1 }),
        chunk('c2', { page: 2 }),
      ]);
      expect(first.kept).toBe(0);
      expect(first.removed).toEqual([]);
      expect(first.added.map((c) => [c.chunkId, c.ordinal, c.source, c.documentId])).toEqual([
        ['c1', 0, 'a.md', first.documentId],
        ['c2', 1, 'a.md', first.documentId],
      ]);
      const [c1, c2] = first.added;
      expect(c1.id).not.toBe(c2.id);

      const second = await store.ragDocuments.replaceDocument(id, document('a.md', 'hash-2'), [
        chunk('c0'),
        chunk('c2', { page: 9 }),
      ]);
      expect(second.documentId).toBe(first.documentId);
      expect(second.kept).toBe(1);
      expect(second.removed).toEqual([c1.id]);
      expect(second.added.map((c) => [c.chunkId, c.ordinal])).toEqual([['c0', 0]]);

      // The kept chunk has its new ordinal and metadata, under its old row id.
      const [kept] = await store.ragDocuments.getChunks([c2.id]);
      expect(kept).toMatchObject({
        id: c2.id,
        chunkId: 'c2',
        ordinal: 1,
        metadata: { page: 9 },
        source: 'a.md',
      });
      expect(kept.terms).toEqual(
        new Map([
          ['c2', 2],
          ['shared', 1],
        ]),
      );
      expect(await store.ragDocuments.listDocuments(id)).toEqual([
        {
          id: first.documentId,
          source: 'a.md',
          contentHash: 'hash-2',
          metadata: { source: 'a.md', lang: 'en' },
        },
      ]);
      expect(await store.ragDocuments.countChunks(id)).toBe(2);
    });

    it('replaces many documents at once, lists them by source, and deletes one with its chunks', async () => {
      const { id } = await store.ragDocuments.ensureCollection('notes');
      const changes = await store.ragDocuments.replaceDocuments(id, [
        { document: document('b.md'), chunks: [chunk('b1'), chunk('b2')] },
        { document: document('a.md'), chunks: [chunk('a1')] },
      ]);
      expect(changes.map((c) => c.added.length)).toEqual([2, 1]);
      expect((await store.ragDocuments.listDocuments(id)).map((d) => d.source)).toEqual(['a.md', 'b.md']);
      const removed = await store.ragDocuments.deleteDocument(id, 'b.md');
      expect([...removed].sort((x, y) => x - y)).toEqual(
        changes[0].added.map((c) => c.id).sort((x, y) => x - y),
      );
      expect(await store.ragDocuments.deleteDocument(id, 'b.md')).toEqual([]);
      expect((await store.ragDocuments.listDocuments(id)).map((d) => d.source)).toEqual(['a.md']);
      expect(await store.ragDocuments.getChunks(removed)).toEqual([]);
    });

    it('returns chunks in the order asked, skipping missing ids, and every chunk term list', async () => {
      const { id } = await store.ragDocuments.ensureCollection('notes');
      const { added } = await store.ragDocuments.replaceDocument(id, document('a.md'), [
        chunk('x'),
        chunk('y'),
        chunk('z'),
      ]);
      const [x, y, z] = added.map((c) => c.id);
      expect((await store.ragDocuments.getChunks([z, 999_999, x])).map((c) => c.chunkId)).toEqual(['z', 'x']);
      expect(await store.ragDocuments.getChunks([])).toEqual([]);
      const terms = await store.ragDocuments.chunkTerms(id);
      expect(terms.map((t) => t.id).sort((a, b) => a - b)).toEqual([x, y, z].sort((a, b) => a - b));
      expect(terms.find((t) => t.id === y)?.terms).toEqual(
        new Map([
          ['y', 2],
          ['shared', 1],
        ]),
      );
    });

    it('filters chunks by metadata equality (strings, numbers, booleans, any-of) and rejects odd keys', async () => {
      const { id } = await store.ragDocuments.ensureCollection('notes');
      const other = await store.ragDocuments.ensureCollection('other');
      const { added } = await store.ragDocuments.replaceDocument(id, document('a.md'), [
        chunk('p1', { page: 1, lang: 'en', draft: true }),
        chunk('p2', { page: 2, lang: 'fr', draft: false }),
        chunk('p3', { page: 3, lang: 'en' }),
      ]);
      await store.ragDocuments.replaceDocument(other.id, document('b.md'), [
        chunk('q1', { page: 1, lang: 'en' }),
      ]);
      const ids = (names: string[]) =>
        new Set(added.filter((c) => names.includes(c.chunkId)).map((c) => c.id));
      expect(await store.ragDocuments.filterChunks(id, { lang: 'en' })).toEqual(ids(['p1', 'p3']));
      expect(await store.ragDocuments.filterChunks(id, { page: 2 })).toEqual(ids(['p2']));
      expect(await store.ragDocuments.filterChunks(id, { draft: true })).toEqual(ids(['p1']));
      expect(await store.ragDocuments.filterChunks(id, { draft: false })).toEqual(ids(['p2']));
      expect(await store.ragDocuments.filterChunks(id, { page: [1, 3], lang: 'en' })).toEqual(
        ids(['p1', 'p3']),
      );
      expect(await store.ragDocuments.filterChunks(id, { lang: 'de' })).toEqual(new Set());
      await expect(store.ragDocuments.filterChunks(id, { "x') OR 1=1 --": 'a' })).rejects.toMatchObject({
        code: 'RAG_QUERY_INVALID',
      });
    });

    it('counts write generations per collection', async () => {
      const { id } = await store.ragDocuments.ensureCollection('notes');
      const other = await store.ragDocuments.ensureCollection('other');
      expect(await store.ragDocuments.generation(id)).toBe(0);
      expect(await store.ragDocuments.bumpGeneration(id)).toBe(1);
      expect(await store.ragDocuments.bumpGeneration(id)).toBe(2);
      expect(await store.ragDocuments.generation(id)).toBe(2);
      expect(await store.ragDocuments.generation(other.id)).toBe(0);
    });

    describe('vectors', () => {
      let collectionId: number;
      let ids: number[];
      // Unit-ish vectors of dimension 8 at known angles from the query [1, 0, ...].
      const vectors = [
        [1, 0, 0, 0, 0, 0, 0, 0],
        [0.5, 0.5, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0, 0, 0, 0],
        [-1, 0, 0, 0, 0, 0, 0, 0],
      ].map((v) => new Float32Array(v));
      const query = new Float32Array([1, 0, 0, 0, 0, 0, 0, 0]);

      beforeEach(async () => {
        collectionId = (await store.ragDocuments.ensureCollection('notes')).id;
        const change = await store.ragDocuments.replaceDocument(collectionId, document('a.md'), [
          chunk('v0'),
          chunk('v1'),
          chunk('v2'),
          chunk('v3'),
        ]);
        ids = change.added.map((c) => c.id);
      });

      it('stores, reads, counts and deletes vectors by chunk row id', async () => {
        expect(await store.ragVectors.countVectors(collectionId)).toBe(0);
        expect(await store.ragVectors.allVectors(collectionId)).toEqual([]);
        await store.ragVectors.ensureVectorTables(collectionId, 8);
        await store.ragVectors.ensureVectorTables(collectionId, 8);
        await store.ragVectors.putVectors(
          collectionId,
          ids.map((id, i) => ({ id, vector: vectors[i] })),
        );
        expect(await store.ragVectors.countVectors(collectionId)).toBe(4);
        const got = await store.ragVectors.getVectors(collectionId, [ids[2], ids[0]]);
        expect(got.get(ids[2])).toEqual(vectors[2]);
        expect(got.get(ids[0])).toEqual(vectors[0]);
        expect(got.size).toBe(2);
        const all = await store.ragVectors.allVectors(collectionId);
        expect(all.map((e) => e.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
        await store.ragVectors.deleteVectors(collectionId, [ids[0], ids[1]]);
        expect(await store.ragVectors.countVectors(collectionId)).toBe(2);
        expect((await store.ragVectors.getVectors(collectionId, [ids[0]])).size).toBe(0);
        await store.ragVectors.dropVectorTables(collectionId);
        expect(await store.ragVectors.countVectors(collectionId)).toBe(0);
      });

      it('searches by cosine distance, exactly, within candidates, and approximately', async () => {
        await store.ragVectors.ensureVectorTables(collectionId, 8);
        await store.ragVectors.putVectors(
          collectionId,
          ids.map((id, i) => ({ id, vector: vectors[i] })),
        );
        const exact = await store.ragVectors.searchVectors(collectionId, query, { limit: 3 });
        expect(exact.map((h) => h.id)).toEqual([ids[0], ids[1], ids[2]]);
        expect(exact[0].distance).toBeCloseTo(0, 5);
        expect(exact[1].distance).toBeCloseTo(1 - Math.SQRT1_2, 5);
        expect(exact[2].distance).toBeCloseTo(1, 5);
        const within = await store.ragVectors.searchVectors(collectionId, query, {
          limit: 2,
          candidates: new Set([ids[3], ids[2]]),
        });
        expect(within.map((h) => h.id)).toEqual([ids[2], ids[3]]);
        expect(within[1].distance).toBeCloseTo(2, 5);
        expect(
          await store.ragVectors.searchVectors(collectionId, query, { limit: 2, candidates: new Set() }),
        ).toEqual([]);
        const rough = await store.ragVectors.searchVectors(collectionId, query, {
          limit: 1,
          approximate: true,
          oversample: 4,
        });
        expect(rough.map((h) => h.id)).toEqual([ids[0]]);
      });

      it('refuses a bad dimension, and searches of a collection without vectors', async () => {
        await expect(store.ragVectors.ensureVectorTables(collectionId, 0)).rejects.toMatchObject({
          code: 'RAG_DIMENSION_MISMATCH',
        });
        await expect(store.ragVectors.searchVectors(collectionId, query, { limit: 1 })).rejects.toMatchObject(
          {
            code: 'RAG_INDEX_EMPTY',
          },
        );
      });

      it('logs chunk and vector changes in write order, pages rows, and replaces index snapshots', async () => {
        const docs = store.ragDocuments;
        const chunkLog = await docs.indexLog(collectionId, 'bm25', 0);
        expect(chunkLog.map((e) => [e.id, e.added])).toEqual(ids.map((id) => [id, true]));
        await store.ragVectors.ensureVectorTables(collectionId, 8);
        await store.ragVectors.putVectors(
          collectionId,
          ids.map((id, i) => ({ id, vector: vectors[i] })),
        );
        await store.ragVectors.deleteVectors(collectionId, [ids[1]]);
        const vectorLog = await docs.indexLog(collectionId, 'quantized', 0);
        expect(vectorLog.map((e) => [e.id, e.added])).toEqual([
          ...ids.map((id) => [id, true]),
          [ids[1], false],
        ]);
        const removed = await docs.deleteDocument(collectionId, 'a.md');
        await store.ragVectors.deleteVectors(collectionId, removed);
        const afterDelete = await docs.indexLog(collectionId, 'bm25', chunkLog.at(-1)!.seq);
        expect(afterDelete.map((e) => [e.id, e.added])).toEqual(removed.map((id) => [id, false]));
        const last = await docs.lastIndexSeq(collectionId);
        expect(last).toBeGreaterThanOrEqual(afterDelete.at(-1)!.seq);

        // Paged reads in id order, for rebuilds that stream.
        const again = await docs.replaceDocument(collectionId, document('b.md'), [
          chunk('p0'),
          chunk('p1'),
          chunk('p2'),
        ]);
        const newIds = again.added.map((c) => c.id);
        const firstPage = await docs.chunkTermsPage(collectionId, 0, 2);
        expect(firstPage.map((row) => row.id)).toEqual(newIds.slice(0, 2));
        expect(firstPage[0].terms.get('p0')).toBe(2);
        expect((await docs.chunkTermsPage(collectionId, newIds[1], 2)).map((row) => row.id)).toEqual([
          newIds[2],
        ]);
        expect((await docs.chunkTermsOf([newIds[2], 999_999])).map((row) => row.id)).toEqual([newIds[2]]);
        await store.ragVectors.putVectors(collectionId, [{ id: newIds[0], vector: vectors[0] }]);
        const vectorPage = await store.ragVectors.vectorPage(collectionId, 0, 10);
        expect(vectorPage.map((row) => row.id)).toEqual([newIds[0]]);
        expect(vectorPage[0].vector).toEqual(vectors[0]);

        // A snapshot replaces the previous one whole and drops the log entries it includes.
        expect(await docs.loadIndexSnapshot(collectionId, 'bm25')).toBeUndefined();
        const seq = await docs.lastIndexSeq(collectionId);
        await docs.saveIndexSnapshot(collectionId, 'bm25', seq, [
          Buffer.from('one'),
          new Uint8Array([1, 2, 3]),
        ]);
        await docs.saveIndexSnapshot(collectionId, 'bm25', seq, [Buffer.from('two')]);
        const snapshot = await docs.loadIndexSnapshot(collectionId, 'bm25');
        expect(snapshot?.logSeq).toBe(seq);
        expect(snapshot?.parts.map((part) => Buffer.from(part).toString())).toEqual(['two']);
        expect(await docs.indexLog(collectionId, 'bm25', 0)).toEqual([]);
        expect((await docs.indexLog(collectionId, 'quantized', 0)).length).toBe(10);
        expect(await docs.loadIndexSnapshot(collectionId, 'quantized')).toBeUndefined();
        expect(await docs.lastIndexSeq(collectionId)).toBe(seq);
        await docs.deleteCollection('notes');
        expect(await docs.loadIndexSnapshot(collectionId, 'bm25')).toBeUndefined();
      });

      it('caches embeddings per embedder and content hash', async () => {
        expect((await store.ragVectors.cachedEmbeddings('e1', ['h1'])).size).toBe(0);
        await store.ragVectors.cacheEmbeddings(
          'e1',
          new Map([
            ['h1', vectors[0]],
            ['h2', vectors[1]],
          ]),
        );
        await store.ragVectors.cacheEmbeddings('e2', new Map([['h1', vectors[3]]]));
        const cached = await store.ragVectors.cachedEmbeddings('e1', ['h1', 'h2', 'h3']);
        expect([...cached.keys()].sort()).toEqual(['h1', 'h2']);
        expect(cached.get('h2')).toEqual(vectors[1]);
        expect((await store.ragVectors.cachedEmbeddings('e2', ['h1'])).get('h1')).toEqual(vectors[3]);
        expect((await store.ragVectors.cachedEmbeddings('e1', [])).size).toBe(0);
      });
    });
  });
};
