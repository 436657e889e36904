export {
  Bm25Index,
  type Bm25IndexOptions,
  type Bm25Parameters,
  type Bm25SearchOptions,
  type ScoredId,
} from './bm25-index.js';
export { bm25SnapshotVersion, decodeBm25, encodeBm25 } from './bm25-snapshot.js';
export type { Bm25PackedState, Bm25State } from './bm25-state.js';
export { type PackedPostings, packPostings, unpackPostings } from './packed-postings.js';
export { termFrequencies } from './term-frequencies.js';
export { topByScore } from './top-by-score.js';
