// The shapes a BM25 index is persisted in: flat arrays (exportState), and packed postings as a snapshot
// stores them (bm25-snapshot.ts), unpacked term by term on use.
import type { PackedPostings } from './packed-postings.js';

/** A BM25 index as flat arrays: what is persisted, and what `Bm25Index.restore` reads. */
export interface Bm25State {
  k1: number;
  b: number;
  terms: string[];
  /** Postings per term, in `terms` order; the lists are concatenated in `slots` and `frequencies`. */
  postingCounts: Int32Array;
  slots: Int32Array;
  frequencies: Float32Array;
  /** Document id per slot. */
  ids: string[];
  /** Document length (sum of term frequencies) per slot. */
  lengths: Int32Array;
}

/** A BM25 index as a snapshot stores it: postings packed (packed-postings.ts), unpacked on use. */
export interface Bm25PackedState extends Omit<Bm25State, 'slots' | 'frequencies'> {
  packed: PackedPostings;
}
