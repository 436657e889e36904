// Runs retrieval systems over a test collection's judged queries and averages nDCG@10, Recall@100,
// MRR@10 and MAP (over the run's depth, 1000 by default) — the numbers `gantry rag eval` reports.
import type { TestCollection } from '../collections/index.js';
import type { ScoredId } from '../lexical/index.js';
import { averagePrecision, ndcgAtK, recallAtK, reciprocalRankAtK } from './retrieval-metrics.js';

export type RetrievalSystem = (query: string, depth: number) => ScoredId[] | Promise<ScoredId[]>;

export interface RetrievalScores {
  ndcgAt10: number;
  recallAt100: number;
  mrrAt10: number;
  map: number;
}

export interface SystemEvaluation {
  system: string;
  queries: number;
  mean: RetrievalScores;
  perQuery: Map<string, RetrievalScores>;
  /** The ranked lists, for TREC run files. */
  runs: Map<string, ScoredId[]>;
  /** Mean milliseconds per query. */
  latencyMs: number;
}

export async function evaluateRetrieval(
  collection: TestCollection,
  systems: Record<string, RetrievalSystem>,
  { depth = 1000 }: { depth?: number } = {},
): Promise<SystemEvaluation[]> {
  const evaluations: SystemEvaluation[] = [];
  for (const [system, retrieve] of Object.entries(systems)) {
    const perQuery = new Map<string, RetrievalScores>();
    const runs = new Map<string, ScoredId[]>();
    const started = performance.now();
    for (const query of collection.judgedQueries) {
      const results = await retrieve(query.text, depth);
      runs.set(query.id, results);
      const ranking = results.map((result) => result.id);
      const judged = collection.qrels.get(query.id) ?? new Map<string, number>();
      perQuery.set(query.id, {
        ndcgAt10: ndcgAtK(ranking, judged, 10),
        recallAt100: recallAtK(ranking, judged, 100),
        mrrAt10: reciprocalRankAtK(ranking, judged, 10),
        map: averagePrecision(ranking, judged),
      });
    }
    const elapsed = performance.now() - started;
    evaluations.push({
      system,
      queries: perQuery.size,
      mean: meanScores([...perQuery.values()]),
      perQuery,
      runs,
      latencyMs: perQuery.size === 0 ? 0 : elapsed / perQuery.size,
    });
  }
  return evaluations;
}

function meanScores(scores: readonly RetrievalScores[]): RetrievalScores {
  const sum = { ndcgAt10: 0, recallAt100: 0, mrrAt10: 0, map: 0 };
  for (const score of scores) {
    sum.ndcgAt10 += score.ndcgAt10;
    sum.recallAt100 += score.recallAt100;
    sum.mrrAt10 += score.mrrAt10;
    sum.map += score.map;
  }
  const count = scores.length || 1;
  return {
    ndcgAt10: sum.ndcgAt10 / count,
    recallAt100: sum.recallAt100 / count,
    mrrAt10: sum.mrrAt10 / count,
    map: sum.map / count,
  };
}
