// Metrics for a scored binary detector: precision/recall/F at a threshold, ROC AUC, and recall at a
// fixed false-positive budget (Meta's Prompt Guard metric).

export interface ScoredExample {
  score: number;
  label: 0 | 1;
}

export interface BinaryMetrics {
  positives: number;
  negatives: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  rocAuc: number;
  recallAt1PercentFpr: number;
  recallAt3PercentFpr: number;
  /** Scores strictly above this are positives at a 3 % false-positive budget (what to configure). */
  thresholdAt3PercentFpr: number;
}

export function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denominator = b2 * precision + recall;
  return denominator === 0 ? 0 : ((1 + b2) * precision * recall) / denominator;
}

/** Mann–Whitney form of the AUC, with ties counted half. */
export function rocAuc(examples: readonly ScoredExample[]): number {
  const sorted = [...examples].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].score === sorted[i].score) j++;
    const averageRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k].label === 1) {
        rankSum += averageRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The score a positive must exceed to keep the false-positive rate at or under the budget. */
export function thresholdAtFalsePositiveRate(examples: readonly ScoredExample[], budget: number): number {
  const negatives = examples
    .filter((e) => e.label === 0)
    .map((e) => e.score)
    .sort((a, b) => b - a);
  const allowed = Math.floor(budget * negatives.length);
  return negatives.length > allowed ? negatives[allowed] : Number.NEGATIVE_INFINITY;
}

/** Highest recall whose threshold keeps the false-positive rate at or under the budget. */
export function recallAtFalsePositiveRate(examples: readonly ScoredExample[], budget: number): number {
  const positives = examples.filter((e) => e.label === 1);
  if (positives.length === 0) return Number.NaN;
  const cut = thresholdAtFalsePositiveRate(examples, budget);
  return positives.filter((p) => p.score > cut).length / positives.length;
}

export function binaryMetrics(examples: readonly ScoredExample[], threshold = 0.5): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { score, label } of examples) {
    const predicted = score >= threshold;
    if (predicted && label === 1) tp++;
    else if (predicted) fp++;
    else if (label === 1) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    positives: tp + fn,
    negatives: fp + tn,
    threshold,
    precision,
    recall,
    f1: fBeta(precision, recall, 1),
    falsePositiveRate: fp + tn === 0 ? 0 : fp / (fp + tn),
    rocAuc: rocAuc(examples),
    recallAt1PercentFpr: recallAtFalsePositiveRate(examples, 0.01),
    recallAt3PercentFpr: recallAtFalsePositiveRate(examples, 0.03),
    thresholdAt3PercentFpr: thresholdAtFalsePositiveRate(examples, 0.03),
  };
}
