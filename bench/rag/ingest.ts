// Ingest side by side: Gantry (SQLite store, BM25 + binary-quantized indexes kept in step, snapshots
// stored) and LanceDB 0.31 (rows appended, FTS index built) on the same synthetic chunks, in one run.
// Wall and CPU time (process.cpuUsage) of each; embeddings precomputed, so this measures the index.
// `RAG_INGEST_SIZE=100000 node bin/run-ts.js bench/rag/ingest.ts` (RAG_INGEST_ONLY=gantry|lancedb:
// one side, e.g. under --cpu-prof; RAG_INGEST_KEEP=/tmp/x.db keeps Gantry's file for open benchmarks).
// Gantry runs in the modes of RAG_INGEST_MODES (default `background,direct`): SQLite writes on the
// background writer thread (the default) and on the ingesting thread (`backgroundWrites: false`).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRagCollection } from '../../src/rag/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { benchDocuments, precomputedEmbedder } from './ingest-documents.js';
import { syntheticCorpus } from './synthetic-corpus.js';
import { sampleThreadCpu } from './thread-cpu.js';

const size = Number(process.env.RAG_INGEST_SIZE ?? 100_000);
const only = process.env.RAG_INGEST_ONLY;
const keep = process.env.RAG_INGEST_KEEP;
const modes = (process.env.RAG_INGEST_MODES ?? 'background,direct').split(',').map((mode) => mode.trim());

interface Timing {
  wall: number;
  cpu: number;
  /** Of which kernel time (system CPU: mostly SQLite's or Lance's file writes). */
  system: number;
  /** CPU per thread (Linux), busiest first: the ingesting thread, the writer thread, GC helpers. */
  threads: string;
}

async function measure(run: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const threads = sampleThreadCpu();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  const perThread = threads();
  return {
    wall: (performance.now() - started) / 1000,
    cpu: (used.user + used.system) / 1e6,
    system: used.system / 1e6,
    threads: perThread,
  };
}

async function gantry(corpus: ReturnType<typeof syntheticCorpus>, background: boolean): Promise<Timing> {
  const folder = keep ? undefined : mkdtempSync(join(tmpdir(), 'rag-ingest-'));
  const path = keep ?? join(folder!, 'bench.db');
  const store = openSqliteStore({ path });
  const collection = await openRagCollection({
    store,
    name: 'bench',
    embedder: precomputedEmbedder(corpus),
    chunkerFor: () => (text) => [{ text, metadata: {} }],
    approximateAbove: 50_000,
    backgroundWrites: background,
  });
  const documents = benchDocuments(corpus.texts);
  const timing = await measure(async () => {
    await collection.ingest(documents, {
      onProgress: ({ chunksAdded }) => {
        if (chunksAdded % 100_000 === 0 && chunksAdded > 0 && size >= 500_000)
          console.log(`  gantry ${chunksAdded} chunks`);
      },
    });
  });
  await store.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  return timing;
}

async function lance(corpus: ReturnType<typeof syntheticCorpus>): Promise<Timing | undefined> {
  process.env.LANCE_CPU_THREADS ??= String(availableParallelism());
  let lancedb: typeof import('@lancedb/lancedb');
  try {
    lancedb = await import('@lancedb/lancedb');
  } catch {
    console.log('lancedb not installed: skipped');
    return undefined;
  }
  const folder = mkdtempSync(join(tmpdir(), 'rag-ingest-lance-'));
  const db = await lancedb.connect(folder);
  const rows = (start: number, end: number) =>
    corpus.texts.slice(start, end).map((text, offset) => ({
      id: start + offset,
      text,
      vector: Array.from(corpus.vectors[start + offset]),
    }));
  const timing = await measure(async () => {
    const table = await db.createTable('chunks', rows(0, Math.min(size, 10_000)), { mode: 'overwrite' });
    for (let start = 10_000; start < size; start += 10_000)
      await table.add(rows(start, Math.min(size, start + 10_000)));
    await table.createIndex('text', { config: lancedb.Index.fts() });
  });
  rmSync(folder, { recursive: true, force: true });
  return timing;
}

const corpus = syntheticCorpus(size);
const line = (name: string, timing: Timing) =>
  `${name.padEnd(18)} ${(size / timing.wall).toFixed(0).padStart(7)} chunks/s wall (${timing.wall.toFixed(1)} s), ${((timing.cpu / size) * 1e6).toFixed(0)} µs CPU per chunk (process CPU, all threads, ${timing.cpu.toFixed(1)} s, of which system ${timing.system.toFixed(1)} s)\n${''.padEnd(19)}threads: ${timing.threads}`;
console.log(`ingest ${size.toLocaleString('en')} chunks, 384-d`);
const results: Record<string, Timing | undefined> = {};
if (only !== 'lancedb') {
  for (const mode of modes) {
    const timing = await gantry(corpus, mode !== 'direct');
    results[`gantry ${mode}`] = timing;
    console.log(line(`gantry ${mode}`, timing));
  }
}
if (only !== 'gantry') {
  results.lancedb = await lance(corpus);
  if (results.lancedb) console.log(line('lancedb', results.lancedb));
}
for (const mode of modes) {
  const ours = results[`gantry ${mode}`];
  if (ours && results.lancedb)
    console.log(
      `gantry ${mode} / lancedb ingest rate: ${(results.lancedb.wall / ours.wall).toFixed(2)}× wall, ${(results.lancedb.cpu / ours.cpu).toFixed(2)}× CPU`,
    );
}
const [first, second] = modes.map((mode) => results[`gantry ${mode}`]);
if (first && second)
  console.log(
    `gantry ${modes[0]} / ${modes[1]}: ${(second.wall / first.wall).toFixed(2)}× wall rate, ${(first.cpu / second.cpu).toFixed(2)}× CPU`,
  );
