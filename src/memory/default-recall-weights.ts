import type { RecallWeights } from './recall-types.js';

// Chosen on the dev split of bench/memory's generated conversations (docs/benchmarks.md, Memory).
export const defaultRecallWeights: RecallWeights = {
  lexical: 1,
  vector: 0.3,
  recency: 0.05,
  importance: 0.05,
  session: 0.3,
  neighbour: 0.3,
};

/** Half-life of the recency signal, relative to the newest memory of the user. */
export const recencyHalfLifeMs = 30 * 86_400_000;
