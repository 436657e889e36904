// Reciprocal rank fusion (Cormack et al. 2009): score(d) = Σ_lists weight / (k + rank(d)), ranks counted
// from 1 and k = 60. Libraries differ here (LlamaIndex counts from 0, so its top score is 1/60): this
// one follows the paper, so [d1,d2,d3] + [d3,d1,d4] gives d1 0.032522, d3 0.032266, d2 0.016129, d4 0.015873.
import { type ScoredId, topByScore } from '../lexical/index.js';

export interface ReciprocalRankFusionOptions {
  k?: number;
  /** One weight per list (default 1 each). */
  weights?: readonly number[];
  limit?: number;
}

export function reciprocalRankFusion(
  lists: readonly (readonly { id: string }[])[],
  { k = 60, weights, limit = Number.POSITIVE_INFINITY }: ReciprocalRankFusionOptions = {},
): ScoredId[] {
  const scores = new Map<string, number>();
  lists.forEach((list, listIndex) => {
    const weight = weights?.[listIndex] ?? 1;
    list.forEach((entry, index) => {
      scores.set(entry.id, (scores.get(entry.id) ?? 0) + weight / (k + index + 1));
    });
  });
  return topByScore(
    [...scores].map(([id, score]) => ({ id, score })),
    limit,
  );
}
