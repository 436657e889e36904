export {
  Bm25Index,
  type Bm25IndexOptions,
  type Bm25Parameters,
  type Bm25SearchOptions,
  type Bm25State,
  type ScoredId,
  termFrequencies,
} from './bm25-index.js';
export { topByScore } from './top-by-score.js';
