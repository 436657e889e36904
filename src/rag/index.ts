// gantry/rag: load → chunk → embed → index → retrieve (bm25 | vector | hybrid) → rerank → cite → evaluate.
export * from './collections/index.js';
