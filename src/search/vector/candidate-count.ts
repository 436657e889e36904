/**
 * How many Hamming candidates to rescore for `limit` results among `size` vectors: `oversample × limit`
 * up to 100k vectors, then growing in proportion to the collection (the same fraction of it), so that
 * recall against exact search holds as the collection grows. Measured on bench/rag's clustered
 * 384-d data (40 queries, bench/rag/binary-recall.ts), recall@10 against exact by candidates rescored
 * over all codes: 100k: 80 → 0.965, 200 → 1.000; 1M: 80 → 0.455, 200 → 0.667, 500 → 0.912,
 * 1,000 → 1.000 (this rule gives 800). Once the index scans IVF lists the candidates come from the
 * probed lists only (bench/rag/ivf-recall.ts).
 */
export function candidateCount(limit: number, size: number, oversample = 8): number {
  const base = limit * oversample;
  return Math.min(size, Math.max(base, Math.ceil((base * size) / 100_000)));
}

/**
 * Oversampling once the index scans IVF lists: the probed lists miss some of the true neighbours'
 * Hamming candidates, so more are rescored to hold recall@10 ≥ 0.95 (bench/rag/snapshot-open.ts at 1M
 * on clustered data: 800 candidates 0.945, 2,000 candidates 0.950, at 32 lists probed).
 */
export const ivfOversample = 20;

/** The candidates a search of `limit` results rescores in an index of `size` vectors, IVF or not. */
export function indexCandidateCount(limit: number, index: { size: number; trained: boolean }): number {
  return candidateCount(limit, index.size, index.trained ? ivfOversample : 8);
}
