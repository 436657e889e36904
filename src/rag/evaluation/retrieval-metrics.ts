// Ranking metrics as trec_eval computes them. `judged` maps document id → gain; gain > 0 is relevant.
// nDCG uses linear gains (gain / log2(rank + 1)) and an ideal ranking over every judged document.

export type Judgments = ReadonlyMap<string, number>;

export function ndcgAtK(ranking: readonly string[], judged: Judgments, k = 10): number {
  let dcg = 0;
  for (let index = 0; index < Math.min(k, ranking.length); index++) {
    const gain = judged.get(ranking[index]) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(index + 2);
  }
  const ideal = [...judged.values()]
    .filter((gain) => gain > 0)
    .sort((left, right) => right - left)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((gain, index) => {
    idcg += gain / Math.log2(index + 2);
  });
  return idcg === 0 ? 0 : dcg / idcg;
}

export function recallAtK(ranking: readonly string[], judged: Judgments, k = 100): number {
  const relevant = countRelevant(judged);
  if (relevant === 0) return 0;
  let found = 0;
  for (let index = 0; index < Math.min(k, ranking.length); index++) {
    if ((judged.get(ranking[index]) ?? 0) > 0) found++;
  }
  return found / relevant;
}

export function reciprocalRankAtK(ranking: readonly string[], judged: Judgments, k = 10): number {
  for (let index = 0; index < Math.min(k, ranking.length); index++) {
    if ((judged.get(ranking[index]) ?? 0) > 0) return 1 / (index + 1);
  }
  return 0;
}

/** Average precision over the whole ranking (trec_eval's `map` at the run's depth). */
export function averagePrecision(ranking: readonly string[], judged: Judgments): number {
  const relevant = countRelevant(judged);
  if (relevant === 0) return 0;
  let found = 0;
  let sum = 0;
  ranking.forEach((id, index) => {
    if ((judged.get(id) ?? 0) > 0) {
      found++;
      sum += found / (index + 1);
    }
  });
  return sum / relevant;
}

function countRelevant(judged: Judgments): number {
  let relevant = 0;
  for (const gain of judged.values()) if (gain > 0) relevant++;
  return relevant;
}
