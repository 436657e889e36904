// gantry/rag: load → chunk → embed → index → retrieve (bm25 | vector | hybrid) → rerank → cite → evaluate.
export * from './analysis/index.js';
export * from './answer/index.js';
export * from './chunking/index.js';
export * from './collections/index.js';
export * from './embedding/index.js';
export * from './evaluation/index.js';
export * from './fusion/index.js';
export * from './lexical/index.js';
export * from './loading/index.js';
export * from './pipeline/index.js';
export * from './reranking/index.js';
export * from './transforms/index.js';
