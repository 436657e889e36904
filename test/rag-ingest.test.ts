// End to end over a real SQLite store: load a folder, ingest, search in every mode, re-ingest after
// edits and deletions, filter by metadata.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GantryError } from '../src/errors/index.js';
import { type Embedder, findFiles, loadFile, openRagCollection } from '../src/rag/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';

let folder: string;
let store: SqliteStore;

const files: Record<string, string> = {
  'wings.md':
    '# Wings\n\nA wing in a propeller slipstream gains lift.\n\n## Flutter\n\nFlutter is an aeroelastic instability of wings.',
  'heat.txt': 'Heat transfer in hypersonic boundary layers depends on the wall temperature.',
  'notes/boundary.txt': 'The boundary layer separates under an adverse pressure gradient.',
  'records.jsonl':
    '{"id":"r1","text":"Shock waves form at supersonic speed.","team":"aero"}\n{"id":"r2","text":"Turbulent mixing of jets.","team":"fluids"}\n',
  'skip/ignored.txt': 'this file is ignored by .gantryignore',
};

// A counting embedder: 8-d bag of hashed words, to check what gets embedded again.
function countingEmbedder(): Embedder & { embedded: string[] } {
  const embedded: string[] = [];
  return {
    id: 'test:hash8',
    embedded,
    async embed(texts) {
      embedded.push(...texts);
      return texts.map((text) => {
        const vector = new Float32Array(8);
        for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
          vector[[...word].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 8] += 1;
        }
        return vector;
      });
    },
  };
}

async function loadAll() {
  const paths = await findFiles(folder);
  return (await Promise.all(paths.map(loadFile))).flat();
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'rag-ingest-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  writeFileSync(join(folder, '.gantryignore'), 'skip/\n');
  store = openSqliteStore({ path: ':memory:' });
});

afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('RAG ingest and search over the store', () => {
  it('loads a folder honouring ignore files, one document per JSONL record', async () => {
    const documents = await loadAll();
    expect(documents.map((d) => d.source.slice(folder.length + 1)).sort()).toEqual([
      'heat.txt',
      'notes/boundary.txt',
      'records.jsonl#r1',
      'records.jsonl#r2',
      'wings.md',
    ]);
    expect(documents.find((d) => d.source.endsWith('#r1'))?.metadata.team).toBe('aero');
  });

  it('searches bm25, vector and hybrid; keeps Markdown heading paths', async () => {
    const embedder = countingEmbedder();
    const collection = await openRagCollection({ store, name: 'docs', embedder });
    const report = await collection.ingest(await loadAll());
    expect(report).toMatchObject({ documents: 5, unchanged: 0, chunksRemoved: 0 });
    const [top] = await collection.search('aeroelastic flutter', { mode: 'bm25' });
    expect(top.text).toContain('Flutter is an aeroelastic');
    expect(top.metadata.headingPath).toEqual(['Wings', 'Flutter']);
    expect(top.bm25Score).toBeGreaterThan(0);
    const vector = await collection.search('aeroelastic flutter', { mode: 'vector', limit: 3 });
    expect(vector).toHaveLength(3);
    expect(vector[0].similarity).toBeGreaterThan(vector[2].similarity!);
    const hybrid = await collection.search('boundary layer', { mode: 'hybrid', limit: 2 });
    expect(hybrid[0].source.endsWith('boundary.txt') || hybrid[0].source.endsWith('heat.txt')).toBe(true);
    const convex = await collection.search('boundary layer', { mode: 'hybrid', fusion: 'convex', weight: 0 });
    expect(convex[0].score).toBe(1);
    // The in-memory binary-quantized index agrees with exact search when oversampling covers everything.
    const approximate = await collection.search('aeroelastic flutter', {
      mode: 'vector',
      limit: 3,
      approximate: true,
    });
    // (compared by similarity: equal-distance ties may come in either order; the index rescores with
    // an int8 copy of the vectors, so similarities agree to about 1e-3)
    for (const [index, hit] of approximate.entries())
      expect(hit.similarity).toBeCloseTo(vector[index].similarity!, 2);
    const mmr = await collection.search('wings', { mode: 'vector', mmr: { lambda: 0.5 }, limit: 2 });
    expect(mmr).toHaveLength(2);
  });

  it('re-ingests only what changed and removes what was deleted', async () => {
    const embedder = countingEmbedder();
    const collection = await openRagCollection({ store, name: 'docs', embedder });
    await collection.ingest(await loadAll(), { removeMissingUnder: folder });
    const first = await collection.stats();
    embedder.embedded.length = 0;

    const again = await collection.ingest(await loadAll(), { removeMissingUnder: folder });
    expect(again).toMatchObject({ unchanged: 5, chunksAdded: 0, chunksRemoved: 0 });
    expect(embedder.embedded).toEqual([]);

    writeFileSync(join(folder, 'heat.txt'), 'Radiative heat transfer dominates at re-entry.');
    rmSync(join(folder, 'notes', 'boundary.txt'));
    const third = await collection.ingest(await loadAll(), { removeMissingUnder: folder });
    expect(third).toMatchObject({ unchanged: 3, chunksAdded: 1, documentsRemoved: 1, chunksRemoved: 2 });
    expect(embedder.embedded).toEqual(['Radiative heat transfer dominates at re-entry.']);
    const stats = await collection.stats();
    expect(stats).toMatchObject({
      documents: first.documents - 1,
      chunks: first.chunks - 1,
      vectors: first.vectors - 1,
    });
    expect(await collection.search('adverse pressure gradient', { mode: 'bm25' })).toEqual([]);
    expect((await collection.search('radiative re-entry', { mode: 'bm25' }))[0].text).toContain('Radiative');

    // Another process (here: a second object on the same store) writes; the first one notices the
    // stored generation changed and rebuilds its in-memory indexes before its next search.
    const other = await openRagCollection({ store, name: 'docs', embedder });
    await other.removeSource(join(folder, 'heat.txt'));
    expect(await collection.search('radiative', { mode: 'bm25' })).toEqual([]);
    expect(
      await collection.search('radiative', { mode: 'vector', approximate: true, limit: 50 }),
    ).not.toContainEqual(expect.objectContaining({ text: expect.stringContaining('Radiative') }));

    // A fresh object rebuilds BM25 from the store and sees the same state.
    const reopened = await openRagCollection({ store, name: 'docs', embedder });
    expect((await reopened.search('aeroelastic', { mode: 'bm25' }))[0].text).toContain('aeroelastic');
    expect(await reopened.search('adverse', { mode: 'bm25' })).toEqual([]);
  });

  it('filters on metadata in every mode', async () => {
    const collection = await openRagCollection({ store, name: 'docs', embedder: countingEmbedder() });
    await collection.ingest(await loadAll());
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      const hits = await collection.search('shock waves turbulent jets', {
        mode,
        filter: { team: 'fluids' },
      });
      expect(
        hits.map((hit) => hit.metadata.team),
        mode,
      ).toEqual(['fluids']);
    }
    const both = await collection.search('shock turbulent', {
      mode: 'bm25',
      filter: { team: ['aero', 'fluids'] },
    });
    expect(both).toHaveLength(2);
    await expect(collection.search('x', { filter: { 'a.b': 1 } })).rejects.toThrow(/not a plain name/);
  });

  it('fits LSA on the first ingest, stores it, and rejects bad queries clearly', async () => {
    const collection = await openRagCollection({ store, name: 'lsa', embedder: 'lsa', lsaDimension: 2 });
    await collection.ingest(await loadAll());
    expect((await collection.stats()).embedder).toBe('lsa:2');
    const reopened = await openRagCollection({ store, name: 'lsa' });
    expect(await reopened.search('wing flutter', { mode: 'vector', limit: 2 })).toHaveLength(2);
    for (const bad of [() => reopened.search('  '), () => reopened.search('x', { limit: 0 })]) {
      await expect(bad()).rejects.toSatisfy(
        (error) => GantryError.isInstance(error) && error.code === 'RAG_QUERY_INVALID',
      );
    }
    const lexicalOnly = await openRagCollection({ store, name: 'plain' });
    await expect(lexicalOnly.search('x', { mode: 'vector' })).rejects.toThrow(/no embedder/);
  });
});
