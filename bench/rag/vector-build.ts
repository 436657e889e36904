// Builds the two quantized indexes of bench/rag/snapshot-open.ts from one stream of vectors, side by
// side: `scan` (every code scanned per query: the index before IVF) and `ivf` (trained at 100k
// vectors, lists kept in step by every add after), with the exact top 10 of each query kept on the
// way. Build CPU is timed per index over batches of 10,000 adds (the generator and exact search not
// counted).
import { QuantizedVectorIndex } from '../../src/search/index.js';
import { ExactTopK, type VectorKind, vectorStream } from './vector-data.js';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

export function buildVectorIndexes(kind: VectorKind, size: number, dimension: number, queryCount: number) {
  const next = vectorStream(kind, dimension);
  const queries = Array.from({ length: queryCount }, () => next());
  const truth = new ExactTopK(queries);
  const scan = new QuantizedVectorIndex(dimension, { rescore: 'int8', ivfAbove: Number.POSITIVE_INFINITY });
  const ivf = new QuantizedVectorIndex(dimension, { rescore: 'int8' });
  const batch = Array.from({ length: 10_000 }, () => new Float32Array(dimension));
  const buildMs = { scan: 0, ivf: 0 };
  for (let first = 1; first <= size; first += batch.length) {
    const count = Math.min(batch.length, size - first + 1);
    for (let index = 0; index < count; index++) truth.offer(first + index, next(batch[index]));
    let clock = process.cpuUsage();
    for (let index = 0; index < count; index++) scan.add(first + index, batch[index]);
    buildMs.scan += cpuMs(clock);
    clock = process.cpuUsage();
    for (let index = 0; index < count; index++) ivf.add(first + index, batch[index]);
    buildMs.ivf += cpuMs(clock);
  }
  /** Fresh queries of the same distribution (for latency; no ground truth). */
  const more = () => next(new Float32Array(dimension));
  return { scan, ivf, queries, truth, buildMs, more };
}
