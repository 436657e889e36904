// Time to open the persisted indexes of a 1M-chunk collection from a SQLite file, in a process with
// Node's default heap: the BM25 snapshot (≈45 distinct terms per chunk over a 20,000-term Zipf
// vocabulary, as bench/rag's synthetic corpus) and the binary-quantized int8 snapshot (384-d), each
// loaded, decoded, restored and asked one query; then the in-memory part of a hybrid query at that
// size (BM25 top 50 + quantized top 50 with candidateCount's Hamming candidates, then RRF), p50/p99 over
// 200 queries. Postings, codes and int8 vectors are synthetic (random), so only open time and index
// latency are measured, not ranking quality. Wall and CPU time of each step (the box may be loaded).
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
import { candidateCount, QuantizedVectorIndex } from '../../src/search/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const chunks = Number(process.env.CHUNKS ?? 1_000_000);
const dimension = 384;
const vocabulary = 20_000;
const perChunk = 45;

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

function quantizedState() {
  const words = dimension / 32;
  const codes = new Uint32Array(chunks * words);
  for (let index = 0; index < codes.length; index++) codes[index] = (random() * 2 ** 32) >>> 0;
  const scalars = new Int8Array(chunks * dimension);
  for (let index = 0; index < scalars.length; index++) scalars[index] = ((index * 2654435761) >>> 24) - 128;
  return {
    dimension,
    ids: Int32Array.from({ length: chunks }, (_, index) => index + 1),
    codes,
    scalars,
    scales: new Float32Array(chunks).fill(1 / 127),
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
  const quantized = quantizedState();
  clock = start();
  const quantizedParts = encodeQuantized(quantized);
  await store.ragDocuments.saveIndexSnapshot(id, 'quantized', 0, quantizedParts);
  console.log(
    `quantized snapshot ${(quantizedParts.reduce((sum, part) => sum + part.byteLength, 0) / 2 ** 20).toFixed(0)} MB written in ${since(clock)}`,
  );
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
clock = start();
const quantizedSnapshot = await store.ragDocuments.loadIndexSnapshot(id, 'quantized');
const quantizedLoad = since(clock);
step = start();
const vectors = QuantizedVectorIndex.restore(decodeQuantized(quantizedSnapshot!.parts));
const quantizedRestore = since(step);
const query = () => Float32Array.from({ length: dimension }, () => random() - 0.5);
step = start();
const nearest = vectors.search(query(), { limit: 50, candidates: candidateCount(10, vectors.size) });
console.log(
  `quantized open: load ${quantizedLoad}; decode/restore ${quantizedRestore}; first query ${since(step)} (${nearest.length} hits, ${candidateCount(10, vectors.size)} candidates); total ${since(clock)}`,
);
const after = process.memoryUsage();
console.log(
  `heap ${(after.heapUsed / 2 ** 20).toFixed(0)} MB (limit ${(getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0)} MB), array buffers +${((after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toFixed(0)} MB, rss ${(after.rss / 2 ** 20).toFixed(0)} MB`,
);

const samples: number[] = [];
const cpuSamples: number[] = [];
const lexicalCpu: number[] = [];
for (let round = 0; round < 200; round++) {
  const words = Array.from({ length: 4 }, () => `t${50 + Math.floor(random() * 2000)}`).join(' ');
  const vector = query();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const lexicalHits = lexical.search(words, { limit: 50 });
  const lexicalUsed = process.cpuUsage(cpu);
  lexicalCpu.push((lexicalUsed.user + lexicalUsed.system) / 1000);
  const vectorHits = vectors
    .search(vector, { limit: 50, candidates: candidateCount(10, vectors.size) })
    .map((hit) => ({ id: String(hit.id), score: 1 - hit.distance }));
  reciprocalRankFusion([lexicalHits, vectorHits]).slice(0, 10);
  samples.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuSamples.push((used.user + used.system) / 1000);
}
const at = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))].toFixed(2);
console.log(
  `hybrid in memory (BM25 50 + quantized 50 + RRF), 200 queries: wall p50 ${at(samples, 0.5)} / p99 ${at(samples, 0.99)} ms; CPU p50 ${at(cpuSamples, 0.5)} / p99 ${at(cpuSamples, 0.99)} ms, of which BM25 p50 ${at(lexicalCpu, 0.5)} / p99 ${at(lexicalCpu, 0.99)} ms`,
);
await store.close();
rmSync(folder, { recursive: true, force: true });
