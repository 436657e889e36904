// Recall@10 of binary-quantized candidates rescored exactly, against exact search, by candidate count,
// on the scale benchmark's kind of data (384-d vectors around 1,000 centroids, queries near stored
// vectors; 40 queries). \`SIZES=100000,1000000 node bin/run-ts.js bench/rag/binary-recall.ts\`. It chose
// the candidate count rule in src/search/vector/quantized-vector-index.ts (candidateCount).
import { seededRandom } from '../../src/random/index.js';

const dim = 384,
  words = 12;
function gauss(random: () => number, scale: number) {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++)
    v[i] = scale * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  return v;
}
for (const size of (process.env.SIZES ?? '100000,1000000').split(',').map(Number)) {
  const random = seededRandom(7);
  const centroids = Array.from({ length: 1000 }, () => gauss(random, 1));
  const vecs = new Float32Array(size * dim);
  const codes = new Uint32Array(size * words);
  for (let n = 0; n < size; n++) {
    const c = centroids[Math.floor(random() * 1000)];
    const noise = gauss(random, 0.7);
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      const x = c[i] + noise[i];
      vecs[n * dim + i] = x;
      norm += x * x;
    }
    const s = 1 / Math.sqrt(norm);
    for (let i = 0; i < dim; i++) {
      vecs[n * dim + i] *= s;
      if (vecs[n * dim + i] > 0) codes[n * words + (i >>> 5)] |= 1 << (i & 31);
    }
  }
  const counts = [80, 200, 500, 1000, 2000, 4000, 8000];
  const recall = counts.map(() => 0);
  const Q = 40;
  const dist = new Uint16Array(size);
  const dots = new Float32Array(size);
  for (let q = 0; q < Q; q++) {
    const base = Math.floor(random() * size);
    const noise = gauss(random, 0.3);
    const qv = new Float32Array(dim);
    const qc = new Uint32Array(words);
    for (let i = 0; i < dim; i++) {
      qv[i] = vecs[base * dim + i] + noise[i] / Math.sqrt(dim);
      if (qv[i] > 0) qc[i >>> 5] |= 1 << (i & 31);
    }
    for (let n = 0; n < size; n++) {
      let d = 0;
      for (let i = 0; i < dim; i++) d += vecs[n * dim + i] * qv[i];
      dots[n] = d;
      let h = 0;
      for (let w = 0; w < words; w++) {
        let v = (codes[n * words + w] ^ qc[w]) >>> 0;
        v -= (v >>> 1) & 0x55555555;
        v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
        h += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
      }
      dist[n] = h;
    }
    const order = Array.from({ length: size }, (_, i) => i);
    const truth = new Set([...order].sort((a, b) => dots[b] - dots[a]).slice(0, 10));
    const byHam = order.sort((a, b) => dist[a] - dist[b]);
    counts.forEach((c, k) => {
      const cand = byHam
        .slice(0, c)
        .sort((a, b) => dots[b] - dots[a])
        .slice(0, 10);
      recall[k] += cand.filter((x) => truth.has(x)).length / 10;
    });
  }
  console.log(size, counts.map((c, k) => `${c}:${(recall[k] / Q).toFixed(3)}`).join(' '));
}
