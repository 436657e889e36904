// TREC run format, one line per retrieved document: `qid Q0 docid rank score tag`, so that anyone can
// check our numbers with trec_eval. Ranks count from 1; ties keep the order given.
import type { ScoredId } from '../lexical/index.js';

export function formatTrecRun(runs: ReadonlyMap<string, readonly ScoredId[]>, tag: string): string {
  const lines: string[] = [];
  for (const [queryId, results] of runs) {
    results.forEach((result, index) => {
      lines.push(`${queryId} Q0 ${result.id} ${index + 1} ${result.score.toFixed(6)} ${tag}`);
    });
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The qrels in TREC format (`qid 0 docid gain`), written beside a run for trec_eval. */
export function formatTrecQrels(qrels: ReadonlyMap<string, ReadonlyMap<string, number>>): string {
  const lines: string[] = [];
  for (const [queryId, judged] of qrels) {
    for (const [documentId, gain] of judged) lines.push(`${queryId} 0 ${documentId} ${gain}`);
  }
  return `${lines.join('\n')}\n`;
}
