// The RAG HTTP API over a real socket: ingest inline documents, search, ask (scripted model via a
// registered provider is not needed: the "don't know" path answers without a model call), errors.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { createGantryServer, type GantryServer } from '../src/server/index.js';
import { ragRoutes } from '../src/server/routes/rag.js';
import { openSqliteStore } from '../src/store/index.js';

let running: GantryServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  const config = parseConfig({
    server: { port: 0 },
    rag: { embedder: 'none', answer: { model: 'ollama:none' } },
  });
  const store = openSqliteStore({ path: ':memory:' });
  running = createGantryServer({ config, store, routes: ragRoutes({ config, store }) });
  return (await running.listen()).url;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('RAG HTTP API', () => {
  it('ingests, re-ingests incrementally, searches with filters and lists collections', async () => {
    const url = await start();
    const documents = [
      { source: 'a', text: 'Slipstream effects on a wing.', metadata: { team: 'aero' } },
      { source: 'b', text: 'Heat transfer in boundary layers.', metadata: { team: 'heat' } },
    ];
    const first = await post(`${url}/api/rag/collections/docs/ingest`, { documents });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ collection: 'docs', documents: 2, chunksAdded: 2 });
    const again = await (await post(`${url}/api/rag/collections/docs/ingest`, { documents })).json();
    expect(again).toMatchObject({ unchanged: 2, chunksAdded: 0 });

    const search = await post(`${url}/api/rag/collections/docs/search`, {
      query: 'wing slipstream',
      mode: 'bm25',
    });
    const { data } = (await search.json()) as {
      data: { source: string; metadata: Record<string, unknown> }[];
    };
    expect(data[0].source).toBe('a');
    const filtered = (await (
      await post(`${url}/api/rag/collections/docs/search`, {
        query: 'wing heat',
        mode: 'bm25',
        filter: { team: 'heat' },
      })
    ).json()) as { data: { source: string }[] };
    expect(filtered.data.map((hit) => hit.source)).toEqual(['b']);

    const listed = (await (await fetch(`${url}/api/rag/collections`)).json()) as {
      data: { name: string; chunks: number }[];
    };
    expect(listed.data).toEqual([expect.objectContaining({ name: 'docs', chunks: 2 })]);
  });

  it('answers "don\'t know" without a model call when nothing is relevant', async () => {
    const url = await start();
    await post(`${url}/api/rag/collections/docs/ingest`, {
      documents: [{ source: 'a', text: 'Wings and flaps.' }],
    });
    const response = await post(`${url}/api/rag/collections/docs/ask`, {
      question: 'What is the capital of Peru?',
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ known: false, citations: [] });
  });

  it('rejects bad bodies, unknown collections and vector search without an embedder with clear errors', async () => {
    const url = await start();
    const bad = await post(`${url}/api/rag/collections/docs/search`, { query: '', mode: 'fuzzy' });
    expect(bad.status).toBe(400);
    const missing = await post(`${url}/api/rag/collections/nope/search`, { query: 'x' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('RAG_INDEX_EMPTY');
    await post(`${url}/api/rag/collections/docs/ingest`, { documents: [{ source: 'a', text: 'Wings.' }] });
    const vector = await post(`${url}/api/rag/collections/docs/search`, { query: 'wings', mode: 'vector' });
    expect(vector.status).toBe(404);
    expect(((await vector.json()) as { error: { message: string } }).error.message).toMatch(/no embedder/);
  });
});
