import type { RecallWeights } from './recall-types.js';

// Chosen by grid search on the dev split of bench/memory's generated conversations (seeds 1–10),
// reported on the test split (seeds 101–110): docs/benchmarks.md, Memory. Session and neighbour
// expansion did not help there and are off by default; vector weighs in only with an embedder.
export const defaultRecallWeights: RecallWeights = {
  lexical: 1,
  vector: 0.3,
  recency: 0,
  importance: 0.05,
  session: 0,
  neighbour: 0,
  bridge: 0.3,
};

/** Half-life of the recency signal, relative to the newest memory of the user. */
export const recencyHalfLifeMs = 30 * 86_400_000;
