import { QuantizedVectorIndex, decodeQuantized, encodeQuantized } from '../../src/search/index.js';
import { ExactTopK, vectorStream } from './vector-data.js';
const size = Number(process.env.SIZE ?? 200000), dim = 384;
const next = vectorStream((process.env.KIND ?? 'clustered') as 'clustered', dim);
const queries = Array.from({ length: 50 }, () => next());
const truth = new ExactTopK(queries);
const flat = new QuantizedVectorIndex(dim, { rescore: 'int8', ivfAbove: Number.POSITIVE_INFINITY });
const ivf = new QuantizedVectorIndex(dim, { rescore: 'int8', ivfAbove: Number(process.env.IVF_ABOVE ?? 100000) });
let tf = 0, ti = 0;
const v = new Float32Array(dim);
for (let id = 1; id <= size; id++) { next(v); truth.offer(id, v); let c = process.cpuUsage(); flat.add(id, v); tf += process.cpuUsage(c).user; c = process.cpuUsage(); ivf.add(id, v); ti += process.cpuUsage(c).user; }
console.log('build cpu flat', tf / 1e6, 'ivf', ti / 1e6, 'trained', ivf.trained);
for (const [name, index, probes] of [['flat', flat, 0], ['ivf8', ivf, 8], ['ivf16', ivf, 16], ['ivf32', ivf, 32], ['ivf64', ivf, 64]] as const) {
  let r = 0; const c = process.cpuUsage();
  queries.forEach((q, i) => { r += truth.recall(i, index.search(q, { limit: 10, candidates: Number(process.env.CAND ?? 800), probes }).map((h) => h.id)); });
  const u = process.cpuUsage(c);
  console.log(name, 'recall', (r / queries.length).toFixed(3), 'cpu/query ms', ((u.user + u.system) / 1e3 / queries.length).toFixed(2));
}
const re = QuantizedVectorIndex.restore(decodeQuantized(encodeQuantized(ivf.exportState())));
console.log('restored', re.size, re.trained, JSON.stringify(re.search(queries[0], { limit: 3 })) === JSON.stringify(ivf.search(queries[0], { limit: 3 })));
