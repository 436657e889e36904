// The search request and result shapes shared by the library, the CLI and the HTTP API.
import type { RagMetadataFilter } from '../../store/index.js';
import type { Reranker } from '../reranking/index.js';

export const searchModes = ['bm25', 'vector', 'hybrid'] as const;
export type SearchMode = (typeof searchModes)[number];

export interface SearchOptions {
  mode?: SearchMode;
  limit?: number;
  filter?: RagMetadataFilter;
  /** Hybrid only: 'rrf' (k = 60, ranks from 1) or 'convex' (min-max normalised, weighted). */
  fusion?: 'rrf' | 'convex';
  /** Convex fusion: weight of the vector list in 0..1. */
  weight?: number;
  /** Candidates per list before fusion (default max(50, 3 × limit)). */
  depth?: number;
  /** Diversify the final list with MMR (λ: 1 = relevance only). */
  mmr?: { lambda?: number };
  /** Text embedded for the vector side instead of the query (HyDE's hypothetical answer). */
  vectorQuery?: string;
  /** Rescores the top `rerankCandidates` (default 30) of the ranking; the result keeps `limit`. */
  rerank?: Reranker;
  rerankCandidates?: number;
  /** Force exact or approximate vector search (default: approximate above the size threshold). */
  approximate?: boolean;
}

export interface SearchHit {
  /** Chunk row id. */
  id: number;
  chunkId: string;
  source: string;
  text: string;
  metadata: Record<string, unknown>;
  /** The score the final ranking used (BM25, cosine similarity, or fused). */
  score: number;
  bm25Score?: number;
  /** Cosine similarity, 1 − cosine distance. */
  similarity?: number;
  /** The reranker's score, when one ran. */
  rerankScore?: number;
}
