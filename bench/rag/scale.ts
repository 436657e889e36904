// Ingest throughput and query latency at 10k and 100k chunks, Gantry (SQLite store: BM25 postings,
// sqlite-vec exact and binary-quantized) beside LanceDB 0.31 (FTS index, flat vector scan, RRF hybrid)
// on the same synthetic data. Embeddings are precomputed: this measures the index, not a model.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Embedder, openRagCollection } from '../../src/rag/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { syntheticCorpus } from './synthetic-corpus.js';

const sizes = (process.env.RAG_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
// RAG_BENCH_SKIP_LANCE=1 runs Gantry alone; RAG_BENCH_SKIP_EXACT=1 skips exact vector search (and recall).
const skipLance = process.env.RAG_BENCH_SKIP_LANCE === '1';
const skipExact = process.env.RAG_BENCH_SKIP_EXACT === '1';

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms`;
}

async function time<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples.push(performance.now() - started);
  return result;
}

export async function runScale(): Promise<void> {
  for (const size of sizes) {
    const corpus = syntheticCorpus(size);
    console.log(`\n--- ${size.toLocaleString('en')} chunks, 384-d, ${corpus.queries.length} queries ---`);
    await benchGantry(corpus, size);
    if (!skipLance) await benchLance(corpus, size);
  }
}

async function benchGantry(corpus: ReturnType<typeof syntheticCorpus>, size: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'rag-bench-'));
  const store = openSqliteStore({ path: join(folder, 'bench.db') });
  const vectorOf = new Map(corpus.texts.map((text, index) => [text, corpus.vectors[index]]));
  const precomputed: Embedder = {
    id: 'precomputed:384',
    async embed(texts) {
      return texts.map((text) => vectorOf.get(text) ?? corpus.queries.find((q) => q.text === text)!.vector);
    },
  };
  const collection = await openRagCollection({
    store,
    name: 'bench',
    embedder: precomputed,
    chunkerFor: () => (text) => [{ text, metadata: {} }],
    approximateAbove: 50_000,
  });
  const documents = [];
  for (let start = 0; start < size; start += 10) {
    documents.push({
      source: `doc-${start}`,
      format: 'text' as const,
      metadata: { shard: start % 7 },
      sections: corpus.texts.slice(start, start + 10).map((text) => ({ text, metadata: {} })),
    });
  }
  let started = performance.now();
  await collection.ingest(documents);
  const ingestSeconds = (performance.now() - started) / 1000;
  console.log(`gantry  ingest ${(size / ingestSeconds).toFixed(0)} chunks/s (${ingestSeconds.toFixed(1)} s)`);
  // Reopen, as a new process would: the indexes come from their stored snapshots, not a rebuild.
  await store.close();
  const heapBefore = process.memoryUsage();
  started = performance.now();
  const reopened = openSqliteStore({ path: join(folder, 'bench.db') });
  const collection2 = await openRagCollection({
    store: reopened,
    name: 'bench',
    embedder: precomputed,
    chunkerFor: () => (text) => [{ text, metadata: {} }],
    approximateAbove: 50_000,
  });
  await collection2.search('warm', { mode: 'bm25' });
  const bm25Open = performance.now() - started;
  started = performance.now();
  await collection2.search(corpus.queries[0].text, { mode: 'vector', approximate: true });
  const vectorOpen = performance.now() - started;
  const heapAfter = process.memoryUsage();
  console.log(
    `gantry  reopened: store + BM25 from snapshot + first bm25 query ${(bm25Open / 1000).toFixed(2)} s; quantized index from snapshot + first vector query ${(vectorOpen / 1000).toFixed(2)} s; heap +${((heapAfter.heapUsed - heapBefore.heapUsed) / 2 ** 20).toFixed(0)} MB, array buffers +${((heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 2 ** 20).toFixed(0)} MB, rss ${(heapAfter.rss / 2 ** 20).toFixed(0)} MB`,
  );
  const search = collection2.search.bind(collection2);
  const byMode: Record<string, number[]> = { bm25: [], 'vector exact': [], 'vector approx': [], hybrid: [] };
  let recallSum = 0;
  for (const query of corpus.queries) {
    await time(byMode.bm25, () => search(query.text, { mode: 'bm25', limit: 10 }));
    const exact = skipExact
      ? []
      : await time(byMode['vector exact'], () =>
          search(query.text, { mode: 'vector', limit: 10, approximate: false }),
        );
    const approximate = await time(byMode['vector approx'], () =>
      search(query.text, { mode: 'vector', limit: 10, approximate: true }),
    );
    const truth = new Set(exact.map((hit) => hit.id));
    if (!skipExact)
      recallSum += approximate.filter((hit) => truth.has(hit.id)).length / Math.max(1, truth.size);
    await time(byMode.hybrid, () => search(query.text, { mode: 'hybrid', limit: 10 }));
  }
  for (const [mode, samples] of Object.entries(byMode))
    if (samples.length > 0) console.log(`gantry  ${mode.padEnd(14)} ${percentiles(samples)}`);
  if (!skipExact)
    console.log(
      `gantry  binary-quantized recall@10 vs exact: ${(recallSum / corpus.queries.length).toFixed(3)} (hybrid uses ${size > 50_000 ? 'approximate' : 'exact'} vectors at this size)`,
    );
  await reopened.close();
  rmSync(folder, { recursive: true, force: true });
}

async function benchLance(corpus: ReturnType<typeof syntheticCorpus>, size: number): Promise<void> {
  // LanceDB's FTS index build never finished past ~10k rows on this 2-core machine with its default
  // thread settings; pinning its CPU pool to the real core count fixes it.
  process.env.LANCE_CPU_THREADS ??= String(availableParallelism());
  let lancedb: typeof import('@lancedb/lancedb');
  try {
    lancedb = await import('@lancedb/lancedb');
  } catch {
    console.log('lancedb not installed (npm install --save-dev @lancedb/lancedb@0.31.0): skipped');
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'rag-bench-lance-'));
  const db = await lancedb.connect(folder);
  const rows = (start: number, end: number) =>
    corpus.texts.slice(start, end).map((text, offset) => ({
      id: start + offset,
      text,
      vector: Array.from(corpus.vectors[start + offset]),
    }));
  let started = performance.now();
  const table = await db.createTable('chunks', rows(0, Math.min(size, 10_000)), { mode: 'overwrite' });
  for (let start = 10_000; start < size; start += 10_000)
    await table.add(rows(start, Math.min(size, start + 10_000)));
  const addSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await table.createIndex('text', { config: lancedb.Index.fts() });
  const ftsSeconds = (performance.now() - started) / 1000;
  console.log(
    `lancedb ingest ${(size / addSeconds).toFixed(0)} chunks/s (${addSeconds.toFixed(1)} s) + FTS index ${ftsSeconds.toFixed(1)} s (${(size / (addSeconds + ftsSeconds)).toFixed(0)} chunks/s with it)`,
  );
  const reranker = await lancedb.rerankers.RRFReranker.create(60);
  const byMode: Record<string, number[]> = { bm25: [], 'vector flat': [], hybrid: [] };
  // LanceDB's unindexed (flat) vector search is slow at 100k: fewer queries keep the run short.
  const queries = corpus.queries.slice(0, Math.max(20, Math.min(corpus.queries.length, 3_000_000 / size)));
  console.log(`lancedb ${queries.length} queries`);
  for (const query of queries) {
    await time(byMode.bm25, () => table.query().fullTextSearch(query.text).limit(10).toArray());
    await time(byMode['vector flat'], () =>
      table.query().nearestTo(Array.from(query.vector)).distanceType('cosine').limit(10).toArray(),
    );
    await time(byMode.hybrid, () =>
      table
        .query()
        .fullTextSearch(query.text)
        .nearestTo(Array.from(query.vector))
        .distanceType('cosine')
        .rerank(reranker)
        .limit(10)
        .toArray(),
    );
  }
  for (const [mode, samples] of Object.entries(byMode))
    console.log(`lancedb ${mode.padEnd(14)} ${percentiles(samples)}`);
  rmSync(folder, { recursive: true, force: true });
}
