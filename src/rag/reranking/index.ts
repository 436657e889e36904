export { configuredReranker } from './configured-reranker.js';
export { type HttpRerankerOptions, httpReranker } from './http-reranker.js';
export { type LlmRerankerOptions, llmReranker } from './llm-reranker.js';
export type { RerankCandidate, Reranker } from './reranker.js';
