// Semantic-cache lookup overhead at 100k cached entries in one scope (the worst case: every entry is
// a candidate bucket-mate). Entries are the distinct qqp-dev questions plus recombined halves of
// them up to 100k. Reports the index search alone (query vector given), the whole lookup (embedding,
// search, guards, verifier) at threshold 0.9 and with the cache's default settings (hit verifier on,
// similarity 0.7), each also in CPU time, and the index's recall against an exhaustive scan at 0.9;
// then the heap the cache holds and the garbage-collection pauses during the default-settings pass.
// `node bin/run-ts.js bench/cost/cache-lookup.ts [entries]` (LSH_SIMD=0: projections in JavaScript)
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { createHashedEmbedder, LshIndex, SemanticCache } from '../../src/gateway/cache/semantic/index.js';
import { seededRandom } from '../../src/random/index.js';

const entries = Number(process.argv[2] ?? 100_000);
const threshold = 0.9;
const tables = Number(process.env.LSH_TABLES ?? 32);
const bits = Number(process.env.LSH_BITS ?? 18);
const multiProbe = process.env.LSH_MULTI_PROBE === '1';
const pairedTables = process.env.LSH_PAIRED === '1';
const simd = process.env.LSH_SIMD !== '0';
const path = new URL('../../../shared/datasets/semantic-cache/qqp-dev.jsonl', import.meta.url);
const questions = new Set<string>();
const asked: string[] = [];
for (const line of readFileSync(path, 'utf8').split('\n')) {
  if (!line) continue;
  const pair = JSON.parse(line) as { q1: string; q2: string };
  questions.add(pair.q1);
  asked.push(pair.q2);
}
const distinct = [...questions];
const random = seededRandom(1);
const unique = new Set(distinct.slice(0, entries));
while (unique.size < entries) {
  const a = distinct[Math.floor(random() * distinct.length)].split(' ');
  const b = distinct[Math.floor(random() * distinct.length)].split(' ');
  const cut = 1 + Math.floor(random() * Math.max(1, a.length - 1));
  unique.add([...a.slice(0, cut), ...b.slice(Math.min(cut, b.length - 1))].join(' '));
}
const texts = [...unique];

const embed = createHashedEmbedder({ dimension: 256 });
const vectors = texts.map(embed);
const index = new LshIndex({ dimension: 256, tables, bits, multiProbe, pairedTables, simd });
for (const vector of vectors) index.add(1, vector);
const cache = new SemanticCache({ maxEntries: entries + 1, tables, bits, multiProbe, pairedTables, simd });
for (const text of texts) cache.store('scope', text, 'answer');

const queries = asked.slice(0, 2_000);
// Heap after building (index and cache), collected first when --expose-gc is on.
(globalThis as { gc?: () => void }).gc?.();
const heapMb = process.memoryUsage().heapUsed / 1e6;
const pauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });
const queryVectors = queries.map(embed);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
/** Wall-clock µs per call, and the CPU µs per call of the whole pass (process.cpuUsage). */
function time(run: (i: number) => void): { wall: number[]; cpu: number } {
  for (let i = 0; i < 200; i++) run(i); // warm-up
  const cpu = process.cpuUsage();
  const wall = queries.map((_, i) => {
    const started = process.hrtime.bigint();
    run(i);
    return Number(process.hrtime.bigint() - started) / 1000;
  });
  const spent = process.cpuUsage(cpu);
  return { wall, cpu: (spent.user + spent.system) / queries.length };
}
const searchUs = time((i) => index.search(1, queryVectors[i], threshold, 4));
const lookupUs = time((i) => cache.lookup('scope', queries[i], { threshold }));
const defaultFrom = performance.now();
const defaultUs = time((i) => cache.lookup('scope', queries[i]));
const defaultTo = performance.now();
const embedUs = time((i) => embed(queries[i]));

// Recall: of the queries whose exhaustive nearest neighbour is at or above the threshold, how many
// the index finds (200 queries: the exhaustive scan is slow).
let reachable = 0;
let found = 0;
for (let q = 0; q < 200; q++) {
  let best = -1;
  let bestId = -1;
  for (let id = 0; id < vectors.length; id++) {
    let dot = 0;
    const v = vectors[id];
    for (let k = 0; k < 256; k++) dot += v[k] * queryVectors[q][k];
    if (dot > best) [best, bestId] = [dot, id];
  }
  if (best < threshold) continue;
  reachable++;
  if (index.search(1, queryVectors[q], threshold, 1)[0]?.id === bestId) found++;
}
const row = (name: string, { wall, cpu }: { wall: number[]; cpu: number }) =>
  console.log(
    `| ${name} | ${percentile(wall, 0.5).toFixed(1)} | ${percentile(wall, 0.95).toFixed(1)} | ${percentile(wall, 0.99).toFixed(1)} | ${cpu.toFixed(1)} |`,
  );
console.log(
  `${entries} entries, LSH ${tables} tables × ${bits} bits${simd ? '' : ' (no SIMD)'}, ${queries.length} queries`,
);
console.log('| per request | p50 µs | p95 µs | p99 µs | CPU µs (mean) |\n|---|---|---|---|---|');
row(`index search (vector given, ${threshold})`, searchUs);
row('embedding (hashed, 256-d)', embedUs);
row(`whole lookup (embed + search + guards + verifier), similarity ${threshold}`, lookupUs);
row('whole lookup, default settings (verifier, similarity 0.7)', defaultUs);
console.log(`index recall at ${threshold}: ${found}/${reachable} nearest neighbours found`);
await new Promise((resolve) => setTimeout(resolve, 50)); // GC entries arrive asynchronously
const during = pauses.filter((pause) => pause.start >= defaultFrom && pause.start <= defaultTo);
const paused = during.reduce((sum, pause) => sum + pause.duration, 0);
console.log(
  `heap after building: ${heapMb.toFixed(0)} MB (index and cache); default-settings pass (${queries.length + 200} lookups): ` +
    `${during.length} GC pauses, ${paused.toFixed(1)} ms (${((paused * 1000) / (queries.length + 200)).toFixed(1)} µs per lookup)`,
);
