// What recall takes and returns: turn-level items with the ids they had in the conversation.
import type { MemoryRole } from '../store/index.js';

export type MemoryKind = 'episode' | 'fact' | 'summary';

export interface RecallItem {
  /** The episode's original id (a message id, 'D3:7'), the fact's or the summary's id. */
  id: string;
  kind: MemoryKind;
  text: string;
  session: string;
  speaker: string;
  role: MemoryRole;
  at: number;
  score: number;
  /** For facts and summaries: the episodes they came from. */
  sourceIds: string[];
  /** What made up the score: lexical, vector, recency, importance (after weighting), session. */
  components: Record<string, number>;
}

/** How recall fuses its signals; every weight is ≥ 0. */
export interface RecallWeights {
  /** BM25 over the analyzer's terms, divided by the best BM25 score of the query. */
  lexical: number;
  /** Cosine similarity of embeddings (when an embedder or the offline LSA model is on). */
  vector: number;
  /** exp(−age / half-life) relative to the newest memory. */
  recency: number;
  importance: number;
  /** The best BM25 score of the item's session, normalised: turns of a relevant session rise. */
  session: number;
  /** Score passed from a turn to its neighbours in the same session (question → answer turns). */
  neighbour: number;
  /** Turns about names found in the best hits but absent from the query (multi-hop bridges). */
  bridge: number;
}

export interface RecallOptions {
  /** How many items to return (default 10). */
  k?: number;
  kinds?: readonly MemoryKind[];
  /** Only memories said at or after / at or before these times (ms, ISO string or Date). */
  from?: number | string | Date;
  to?: number | string | Date;
  session?: string;
  /** Reads "last week", "in May 2023", "before I moved" in the query as a time filter (default true). */
  temporal?: boolean;
  /** Reference time for relative phrases (default: now). */
  now?: number;
  weights?: Partial<RecallWeights>;
}
