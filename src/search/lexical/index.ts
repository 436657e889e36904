export {
  Bm25Index,
  type Bm25IndexOptions,
  type Bm25PackedState,
  type Bm25Parameters,
  type Bm25SearchOptions,
  type Bm25State,
  type ScoredId,
  termFrequencies,
} from './bm25-index.js';
export { bm25SnapshotVersion, decodeBm25, encodeBm25 } from './bm25-snapshot.js';
export { type PackedPostings, packPostings, unpackPostings } from './packed-postings.js';
export { topByScore } from './top-by-score.js';
