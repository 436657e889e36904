// Time to open the persisted indexes of a 1M-chunk collection from a SQLite file, in a process with
// Node's default heap, and the in-memory part of a hybrid query at that size, with the vector side
// answered two ways side by side: `scan` (binary codes, all scanned per query, 800 Hamming candidates
// rescored in int8: the index before IVF) and `ivf` (the same codes in 1,024 IVF lists, `PROBES`
// lists scanned, 2,000 candidates rescored, the collection's rule for a trained index). BM25: a synthetic snapshot (≈45 distinct terms per chunk
// over a 20,000-term Zipf vocabulary, as bench/rag's synthetic corpus). Vectors: 384-d from
// bench/rag/vector-data.ts (`VECTORS=clustered`, the default, spread or uniform), built by adds (build
// CPU per index), stored, reopened (load, decode/restore, first query), recall@10 against exact float
// cosine on `QUERIES` queries, then 200 hybrid queries (BM25 50 + vector 50 + RRF) per index.
// `CHUNKS=1000000 node bin/run-ts.js bench/rag/snapshot-open.ts`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Bm25Index, reciprocalRankFusion } from '../../src/rag/index.js';
import {
  decodeBm25,
  decodeQuantized,
  encodeBm25,
  encodeQuantized,
} from '../../src/rag/pipeline/index-snapshot-codec.js';
import { candidateCount, indexCandidateCount, QuantizedVectorIndex } from '../../src/search/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { buildVectorIndexes } from './vector-build.js';
import type { VectorKind } from './vector-data.js';

const chunks = Number(process.env.CHUNKS ?? 1_000_000);
const dimension = 384;
const vocabulary = 20_000;
const perChunk = 45;
const kind = (process.env.VECTORS ?? 'clustered') as VectorKind;
const probes = Number(process.env.PROBES ?? 32);
const queryCount = Number(process.env.QUERIES ?? 50);

let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

function bm25State() {
  let harmonic = 0;
  for (let rank = 1; rank <= vocabulary; rank++) harmonic += 1 / rank;
  const postingCounts = new Int32Array(vocabulary);
  for (let rank = 0; rank < vocabulary; rank++)
    postingCounts[rank] = Math.min(chunks, Math.round((chunks * perChunk) / ((rank + 1) * harmonic)));
  let total = 0;
  for (const count of postingCounts) total += count;
  const slots = new Int32Array(total);
  const frequencies = new Float32Array(total);
  for (let index = 0, offset = 0; index < vocabulary; index++) {
    const count = postingCounts[index];
    const step = chunks / count;
    for (let k = 0; k < count; k++) {
      slots[offset + k] = Math.floor(k * step);
      frequencies[offset + k] = 1 + Math.floor(random() * random() * 4);
    }
    offset += count;
  }
  return {
    k1: 0.9,
    b: 0.4,
    terms: Array.from({ length: vocabulary }, (_, index) => `t${index}`),
    postingCounts,
    slots,
    frequencies,
    ids: Array.from({ length: chunks }, (_, index) => String(index + 1)),
    lengths: new Int32Array(chunks).fill(60),
  };
}

interface Clock {
  wall: number;
  cpu: NodeJS.CpuUsage;
}
const start = (): Clock => ({ wall: performance.now(), cpu: process.cpuUsage() });
const since = (clock: Clock) => {
  const cpu = process.cpuUsage(clock.cpu);
  return `${((performance.now() - clock.wall) / 1000).toFixed(2)} s wall / ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`;
};

let truth: ReturnType<typeof buildVectorIndexes>['truth'];
let queries: Float32Array[];
let more: () => Float32Array;
const folder = mkdtempSync(join(tmpdir(), 'rag-snapshot-'));
const path = join(folder, 'snap.db');
{
  const store = openSqliteStore({ path });
  const { id } = await store.ragDocuments.ensureCollection('big');
  const state = bm25State();
  let clock = start();
  const parts = encodeBm25(state);
  const bytes = parts.reduce((sum, part) => sum + part.byteLength, 0);
  await store.ragDocuments.saveIndexSnapshot(id, 'bm25', 0, parts);
  console.log(
    `${chunks} chunks, ${state.slots.length} postings: BM25 snapshot ${(bytes / 2 ** 20).toFixed(0)} MB (${(bytes / state.slots.length).toFixed(2)} B/posting) written in ${since(clock)}`,
  );
  clock = start();
  const built = buildVectorIndexes(kind, chunks, dimension, queryCount);
  console.log(
    `${chunks} ${kind} vectors: built in ${since(clock)} (generator and exact top 10 included); build CPU scan ${(built.buildMs.scan / 1000).toFixed(2)} s, ivf ${(built.buildMs.ivf / 1000).toFixed(2)} s (trained: ${built.ivf.trained})`,
  );
  for (const name of ['scan', 'ivf'] as const) {
    const { id: collection } = await store.ragDocuments.ensureCollection(name);
    clock = start();
    const vectorParts = encodeQuantized(built[name].exportState());
    await store.ragDocuments.saveIndexSnapshot(collection, 'quantized', 0, vectorParts);
    console.log(
      `${name} snapshot ${(vectorParts.reduce((sum, part) => sum + part.byteLength, 0) / 2 ** 20).toFixed(0)} MB in ${vectorParts.length} parts, written in ${since(clock)}`,
    );
  }
  truth = built.truth;
  queries = built.queries;
  more = built.more;
  await store.close();
}

// A fresh start from here on, as a new process opening the collection would.
const before = process.memoryUsage();
let clock = start();
const store = openSqliteStore({ path });
const id = (await store.ragDocuments.getCollection('big'))!.id;
const snapshot = await store.ragDocuments.loadIndexSnapshot(id, 'bm25');
const loadTime = since(clock);
let step = start();
const lexical = Bm25Index.restore(decodeBm25(snapshot!.parts));
const restoreTime = since(step);
step = start();
const hits = lexical.search('t60 t700 t1500 t1900', { limit: 10 });
console.log(
  `BM25 open: store + load ${loadTime}; decode/restore ${restoreTime}; first query ${since(step)} (${hits.length} hits); total ${since(clock)}`,
);
const opened: Record<string, QuantizedVectorIndex> = {};
for (const name of ['scan', 'ivf'] as const) {
  clock = start();
  const collection = (await store.ragDocuments.getCollection(name))!.id;
  const quantizedSnapshot = await store.ragDocuments.loadIndexSnapshot(collection, 'quantized');
  const quantizedLoad = since(clock);
  step = start();
  const index = QuantizedVectorIndex.restore(decodeQuantized(quantizedSnapshot!.parts), {
    ivfAbove: name === 'scan' ? Number.POSITIVE_INFINITY : undefined,
  });
  const quantizedRestore = since(step);
  step = start();
  const nearest = index.search(more(), { limit: 50, candidates: candidateCount(10, index.size), probes });
  console.log(
    `${name} open: load ${quantizedLoad}; decode/restore ${quantizedRestore}; first query ${since(step)} (${nearest.length} hits); total ${since(clock)}`,
  );
  opened[name] = index;
}
const recallOf = (
  index: QuantizedVectorIndex,
  listProbes: number,
  candidates = candidateCount(10, index.size),
) => {
  let sum = 0;
  const cpu = process.cpuUsage();
  queries.forEach((query, at) => {
    const found = index.search(query, {
      limit: 10,
      candidates,
      probes: listProbes,
    });
    sum += truth.recall(
      at,
      found.map((hit) => hit.id),
    );
  });
  const used = process.cpuUsage(cpu);
  return `${(sum / queries.length).toFixed(3)} (${((used.user + used.system) / 1000 / queries.length).toFixed(2)} ms CPU/query)`;
};
console.log(
  `recall@10 vs exact, ${queries.length} ${kind} queries, 800 candidates: scan ${recallOf(opened.scan, 0)}; ivf ${[8, 16, 32, 64, 128].map((value) => `probes ${value}: ${recallOf(opened.ivf, value)}`).join(', ')}`,
);
console.log(
  `with 2,000 candidates: scan ${recallOf(opened.scan, 0, 2000)}; ivf ${[32, 64].map((value) => `probes ${value}: ${recallOf(opened.ivf, value, 2000)}`).join(', ')}`,
);
const after = process.memoryUsage();
console.log(
  `heap ${(after.heapUsed / 2 ** 20).toFixed(0)} MB (limit ${(getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0)} MB), array buffers +${((after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toFixed(0)} MB, rss ${(after.rss / 2 ** 20).toFixed(0)} MB`,
);

const at = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))].toFixed(2);
const cpuOf = { scan: [] as number[], ivf: [] as number[] };
const wallOf = { scan: [] as number[], ivf: [] as number[] };
const lexicalCpu: number[] = [];
for (let round = 0; round < 200; round++) {
  const words = Array.from({ length: 4 }, () => `t${50 + Math.floor(random() * 2000)}`).join(' ');
  const vector = more();
  // Alternate which index goes first, so neither always finds the caches warm.
  for (const name of round % 2 === 0 ? (['scan', 'ivf'] as const) : (['ivf', 'scan'] as const)) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const lexicalHits = lexical.search(words, { limit: 50 });
    const lexicalUsed = process.cpuUsage(cpu);
    if (name === 'ivf') lexicalCpu.push((lexicalUsed.user + lexicalUsed.system) / 1000);
    const index = opened[name];
    const vectorHits = index
      .search(vector, { limit: 50, candidates: indexCandidateCount(10, index), probes })
      .map((hit) => ({ id: String(hit.id), score: 1 - hit.distance }));
    reciprocalRankFusion([lexicalHits, vectorHits]).slice(0, 10);
    wallOf[name].push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuOf[name].push((used.user + used.system) / 1000);
  }
}
for (const name of ['scan', 'ivf'] as const)
  console.log(
    `hybrid in memory (BM25 50 + ${name} 50 + RRF), 200 queries: CPU p50 ${at(cpuOf[name], 0.5)} / p99 ${at(cpuOf[name], 0.99)} ms; wall p50 ${at(wallOf[name], 0.5)} / p99 ${at(wallOf[name], 0.99)} ms`,
  );
console.log(`of which BM25 CPU p50 ${at(lexicalCpu, 0.5)} / p99 ${at(lexicalCpu, 0.99)} ms`);
await store.close();
rmSync(folder, { recursive: true, force: true });
