// Time to open a BM25 snapshot of the size a 1M-chunk collection has (≈45 distinct terms per chunk over
// a 20,000-term Zipf vocabulary, as bench/rag's synthetic corpus), from a SQLite file: load the parts,
// decode, restore, answer one query. Postings are synthetic (random slots), so only the open is
// measured, not ranking. `CHUNKS=1000000 node bin/run-ts.js bench/rag/snapshot-open.ts`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bm25Index } from '../../src/rag/index.js';
import { decodeBm25, encodeBm25 } from '../../src/rag/pipeline/index-snapshot-codec.js';
import { openSqliteStore } from '../../src/store/index.js';

const chunks = Number(process.env.CHUNKS ?? 1_000_000);
const vocabulary = 20_000;
const perChunk = 45;
let harmonic = 0;
for (let rank = 1; rank <= vocabulary; rank++) harmonic += 1 / rank;
const postingCounts = new Int32Array(vocabulary);
for (let rank = 0; rank < vocabulary; rank++)
  postingCounts[rank] = Math.min(chunks, Math.round((chunks * perChunk) / ((rank + 1) * harmonic)));
let total = 0;
for (const count of postingCounts) total += count;
const slots = new Int32Array(total);
const frequencies = new Float32Array(total).fill(1);
for (let index = 0, offset = 0; index < vocabulary; index++) {
  const count = postingCounts[index];
  const step = chunks / count;
  for (let k = 0; k < count; k++) slots[offset + k] = Math.floor(k * step);
  offset += count;
}
const state = {
  k1: 0.9,
  b: 0.4,
  terms: Array.from({ length: vocabulary }, (_, index) => `t${index}`),
  postingCounts,
  slots,
  frequencies,
  ids: Array.from({ length: chunks }, (_, index) => String(index + 1)),
  lengths: new Int32Array(chunks).fill(60),
};
const folder = mkdtempSync(join(tmpdir(), 'rag-snapshot-'));
let store = openSqliteStore({ path: join(folder, 'snap.db') });
const { id } = await store.ragDocuments.ensureCollection('big');
let started = performance.now();
await store.ragDocuments.saveIndexSnapshot(id, 'bm25', 0, encodeBm25(state));
console.log(
  `${chunks} chunks, ${total} postings: snapshot written in ${((performance.now() - started) / 1000).toFixed(2)} s`,
);
await store.close();
const before = process.memoryUsage();
started = performance.now();
store = openSqliteStore({ path: join(folder, 'snap.db') });
const snapshot = await store.ragDocuments.loadIndexSnapshot(id, 'bm25');
const loaded = performance.now();
const index = Bm25Index.restore(decodeBm25(snapshot!.parts));
const restored = performance.now();
const hits = index.search('t60 t700 t1500 t1900', { limit: 10 });
const done = performance.now();
const after = process.memoryUsage();
console.log(
  `open: load ${((loaded - started) / 1000).toFixed(2)} s + decode/restore ${((restored - loaded) / 1000).toFixed(2)} s + first query ${(done - restored).toFixed(1)} ms (${hits.length} hits); heap ${(after.heapUsed / 2 ** 20).toFixed(0)} MB (limit ${(await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20} MB), array buffers +${((after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toFixed(0)} MB`,
);
await store.close();
rmSync(folder, { recursive: true, force: true });
