// Rerankers: the /rerank HTTP API against a real server on 127.0.0.1, and the LLM reranker with the
// scripted model; then reranking inside a collection search.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GantryError } from '../src/errors/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { httpReranker, llmReranker, openRagCollection } from '../src/rag/index.js';
import { openSqliteStore } from '../src/store/index.js';

let server: Server;
let base: string;
const requests: { url: string; body: Record<string, unknown>; authorization?: string }[] = [];

// Scores a document by how many query words it contains; answers in TEI or Cohere shape by path.
beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw) as { query: string; documents?: string[]; texts?: string[] };
      requests.push({ url: request.url!, body, authorization: request.headers.authorization });
      const words = body.query.toLowerCase().split(/\s+/);
      const documents = body.documents ?? body.texts ?? [];
      const scored = documents.map((text, index) => ({
        index,
        score: words.filter((word) => text.toLowerCase().includes(word)).length / words.length,
      }));
      response.setHeader('content-type', 'application/json');
      if (request.url === '/broken')
        response.end(JSON.stringify({ results: [{ index: 99, relevance_score: 1 }] }));
      else if (request.url === '/tei/rerank') response.end(JSON.stringify(scored));
      else
        response.end(
          JSON.stringify({ results: scored.map((s) => ({ index: s.index, relevance_score: s.score })) }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const candidates = [
  { id: 'a', text: 'wind tunnel tests' },
  { id: 'b', text: 'boundary layer transition in a wind tunnel' },
  { id: 'c', text: 'cooking recipes' },
];

describe('httpReranker', () => {
  it('speaks the Cohere/Jina/vLLM body and sorts by relevance_score', async () => {
    const rerank = httpReranker({ url: `${base}/v1/rerank`, model: 'bge-reranker', apiKey: 'k' });
    const result = await rerank('boundary layer wind', candidates);
    expect(result.map((hit) => hit.id)).toEqual(['b', 'a', 'c']);
    expect(requests.at(-1)).toMatchObject({
      body: { model: 'bge-reranker', query: 'boundary layer wind', top_n: 3 },
      authorization: 'Bearer k',
    });
  });

  it('speaks TEI ({query, texts} → [{index, score}])', async () => {
    const result = await httpReranker({ url: `${base}/tei/rerank`, api: 'tei' })('cooking', candidates);
    expect(result[0]).toEqual({ id: 'c', score: 1 });
    expect(requests.at(-1)?.body).toEqual({ query: 'cooking', texts: candidates.map((c) => c.text) });
  });

  it('rejects indexes outside the candidate list, and unreachable servers, with RAG_RERANK_FAILED', async () => {
    for (const url of [`${base}/broken`, 'http://127.0.0.1:9/rerank']) {
      await expect(httpReranker({ url, timeoutMs: 2000 })('x', candidates)).rejects.toSatisfy(
        (error) => GantryError.isInstance(error) && error.code === 'RAG_RERANK_FAILED',
      );
    }
  });
});

describe('llmReranker', () => {
  it('orders by the grades in the JSON answer (repairing sloppy JSON)', async () => {
    const model = createScriptedModel([{ text: 'Sure: {"scores": {"0": 3, "1": 9, "2": 0,}}' }]);
    const result = await llmReranker({ model })('boundary layer', candidates);
    expect(result.map((hit) => hit.id)).toEqual(['b', 'a', 'c']);
    expect(JSON.stringify(model.calls[0].options.prompt)).toContain('[1] boundary layer transition');
  });

  it('fails clearly on an answer without JSON', async () => {
    const model = createScriptedModel([{ text: 'I cannot grade these.' }]);
    await expect(llmReranker({ model })('q', candidates)).rejects.toThrow(/not the JSON/);
  });
});

describe('search with a reranker', () => {
  it('reranks the first-stage candidates and reports the reranker score', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const collection = await openRagCollection({ store, name: 'r' });
    await collection.ingest(
      candidates.map((candidate) => ({
        source: candidate.id,
        format: 'text' as const,
        metadata: {},
        sections: [{ text: candidate.text, metadata: {} }],
      })),
    );
    const hits = await collection.search('wind tunnel boundary', {
      mode: 'bm25',
      limit: 1,
      rerank: httpReranker({ url: `${base}/v1/rerank` }),
    });
    expect(hits).toHaveLength(1);
    expect(hits[0].source).toBe('b');
    expect(hits[0].rerankScore).toBe(1);
    await store.close();
  });
});
