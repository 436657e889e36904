// Convex combination of min-max normalised scores (Weaviate's relativeScoreFusion):
//   score(d) = weight · norm_vector(d) + (1 − weight) · norm_bm25(d), a document absent from a list
// contributing 0 there. Unlike Orama's truthiness check, a weight of 0 or 1 means what it says.
import { GantryError } from '../../errors/index.js';
import { type ScoredId, topByScore } from '../lexical/index.js';

export interface ConvexCombinationOptions {
  /** Weight of the second (vector) list in 0..1. */
  weight?: number;
  limit?: number;
}

export function convexCombination(
  lexical: readonly ScoredId[],
  vector: readonly ScoredId[],
  { weight = 0.5, limit = Number.POSITIVE_INFINITY }: ConvexCombinationOptions = {},
): ScoredId[] {
  if (!(weight >= 0 && weight <= 1)) {
    throw new GantryError('RAG_QUERY_INVALID', `The fusion weight ${weight} is outside 0..1.`, {
      hint: 'Use 0 for BM25 only, 1 for vector only, 0.5 for an even mix.',
      details: { weight },
    });
  }
  const scores = new Map<string, number>();
  const add = (list: readonly ScoredId[], listWeight: number) => {
    for (const { id, score } of minMaxNormalise(list))
      scores.set(id, (scores.get(id) ?? 0) + listWeight * score);
  };
  add(lexical, 1 - weight);
  add(vector, weight);
  return topByScore(
    [...scores].map(([id, score]) => ({ id, score })),
    limit,
  );
}

/** Maps scores to 0..1; a list whose scores are all equal maps to 1 (each is the best there is). */
export function minMaxNormalise(list: readonly ScoredId[]): ScoredId[] {
  if (list.length === 0) return [];
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (const { score } of list) {
    if (score < minimum) minimum = score;
    if (score > maximum) maximum = score;
  }
  const range = maximum - minimum;
  return list.map(({ id, score }) => ({ id, score: range > 0 ? (score - minimum) / range : 1 }));
}
