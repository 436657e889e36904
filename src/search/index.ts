// Search primitives shared by rag and memory (a leaf layer below both): text analysis, the BM25
// index, the quantized vector index, the embedder interface and the offline LSA embedder.
export * from './analysis/index.js';
export * from './embedding/index.js';
export * from './lexical/index.js';
export * from './vector/index.js';
