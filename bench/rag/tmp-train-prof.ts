import { QuantizedVectorIndex } from '../../src/search/index.js';
const dim = 384, n = 100_000;
const index = new QuantizedVectorIndex(dim, { ivfAbove: Number.POSITIVE_INFINITY });
let seed = 1; const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) - 0.5;
const centers = Array.from({ length: 1000 }, () => Float32Array.from({ length: dim }, rnd));
for (let i = 0; i < n - 1; i++) index.add(i, Float32Array.from(centers[i % 1000], (x) => x + rnd() * 0.3));
const ivf = new QuantizedVectorIndex(dim);
const state = index.exportState();
console.log(Object.keys(state));
