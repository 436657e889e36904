// A reranker rescores a short candidate list against the query (a cross-encoder sees both texts at
// once, which first-stage retrieval cannot afford over the whole collection).

export interface RerankCandidate {
  id: string;
  text: string;
}

/** Returns the candidates it scored, best first. */
export type Reranker = (
  query: string,
  candidates: readonly RerankCandidate[],
) => Promise<{ id: string; score: number }[]>;
