// `gantry`: the core API. Each subsystem also has its own subpath (gantry/model, gantry/rag, ...).
export * from './config/index.js';
export * from './errors/index.js';
export { countTokens, estimateCost, resolveEmbeddingModel, resolveModel } from './model/index.js';
export { openSqliteStore, type Store } from './store/index.js';
export {
  createConfiguredTracer,
  createTracer,
  GenAI,
  noopTracer,
  type Span,
  type Tracer,
} from './trace/index.js';
