export { type Chunk, type Chunker, type TokenCounter, validateSizes } from './chunk.js';
export { markdownChunker } from './markdown-chunker.js';
export { type RecursiveTokenChunkerOptions, recursiveTokenChunker } from './recursive-token-chunker.js';
export {
  type SentenceWindowChunkerOptions,
  sentenceWindowChunker,
  splitSentences,
} from './sentence-window-chunker.js';
