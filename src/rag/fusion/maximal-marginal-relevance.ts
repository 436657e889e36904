// Maximal marginal relevance (Carbonell & Goldstein 1998): picks, one at a time, the candidate that
// maximises λ · sim(query, d) − (1 − λ) · max_{s ∈ selected} sim(d, s), trading relevance for diversity.

export interface MmrCandidate {
  id: string;
  vector: ArrayLike<number>;
}

export interface MmrOptions {
  /** 1 = relevance only, 0 = diversity only. */
  lambda?: number;
  limit?: number;
}

export function maximalMarginalRelevance<T extends MmrCandidate>(
  queryVector: ArrayLike<number>,
  candidates: readonly T[],
  { lambda = 0.5, limit = 10 }: MmrOptions = {},
): T[] {
  const relevance = candidates.map((candidate) => cosineSimilarity(queryVector, candidate.vector));
  const maximumSimilarity = candidates.map(() => Number.NEGATIVE_INFINITY);
  const chosen: T[] = [];
  const used = new Set<number>();
  while (chosen.length < Math.min(limit, candidates.length)) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < candidates.length; index++) {
      if (used.has(index)) continue;
      const redundancy = chosen.length === 0 ? 0 : maximumSimilarity[index];
      const score = lambda * relevance[index] - (1 - lambda) * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    }
    used.add(best);
    chosen.push(candidates[best]);
    for (let index = 0; index < candidates.length; index++) {
      if (used.has(index)) continue;
      const similarity = cosineSimilarity(candidates[index].vector, candidates[best].vector);
      if (similarity > maximumSimilarity[index]) maximumSimilarity[index] = similarity;
    }
  }
  return chosen;
}

export function cosineSimilarity(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    dot += left[index] * right[index];
    leftNorm += left[index] * left[index];
    rightNorm += right[index] * right[index];
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}
