// BM25 lives in src/search (shared with memory); rag re-exports it unchanged.
export {
  Bm25Index,
  type Bm25IndexOptions,
  type Bm25Parameters,
  type Bm25SearchOptions,
  type Bm25State,
  type ScoredId,
  termFrequencies,
  topByScore,
} from '../../search/index.js';
