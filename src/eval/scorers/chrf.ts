// chrF / chrF++ computed as sacrebleu 2.x does (metrics/chrf.py): character n-grams up to 6 (spaces
// removed by default), optional word n-grams (chrF++), F-beta per order averaged over orders. With
// `epsSmoothing` every order counts (chrF++.py, NLTK); without it, orders absent from both sides are
// skipped (sacrebleu's default "effective order"). Scores are on the 0–100 scale.
import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';
import { pythonSplit } from './python-text.js';

export interface ChrfOptions {
  charOrder?: number;
  wordOrder?: number;
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (sacrebleu's `whitespace=True`). */
  keepWhitespace?: boolean;
  epsSmoothing?: boolean;
}

const punctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

function counts(items: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

function charNgrams(text: string, maxOrder: number, keepWhitespace: boolean): Map<string, number>[] {
  const chars = Array.from(keepWhitespace ? text : pythonSplit(text).join(''));
  return Array.from({ length: maxOrder }, (_, k) => {
    const n = k + 1;
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    return counts(grams);
  });
}

// Splits one leading or trailing punctuation mark off each word, as sacrebleu does for chrF++.
function wordsWithPunctuation(text: string): string[] {
  const tokens: string[] = [];
  for (const w of pythonSplit(text)) {
    const chars = Array.from(w);
    if (chars.length === 1) tokens.push(w);
    else if (punctuation.has(chars[chars.length - 1]))
      tokens.push(chars.slice(0, -1).join(''), chars[chars.length - 1]);
    else if (punctuation.has(chars[0])) tokens.push(chars[0], chars.slice(1).join(''));
    else tokens.push(w);
  }
  return tokens;
}

function wordNgrams(text: string, maxOrder: number): Map<string, number>[] {
  const words = wordsWithPunctuation(text);
  return Array.from({ length: maxOrder }, (_, k) => {
    const n = k + 1;
    const grams: string[] = [];
    for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
    return counts(grams);
  });
}

function fScore(statistics: readonly number[], beta: number, epsSmoothing: boolean): number {
  const eps = 1e-16;
  const factor = beta ** 2;
  const orders = statistics.length / 3;
  let score = 0;
  let effectiveOrder = 0;
  let averagePrecision = 0;
  let averageRecall = 0;
  for (let i = 0; i < orders; i++) {
    const [hyp, ref, match] = statistics.slice(3 * i, 3 * i + 3);
    const precision = hyp > 0 ? match / hyp : eps;
    const recall = ref > 0 ? match / ref : eps;
    const denominator = factor * precision + recall;
    score += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : eps;
    if (hyp > 0 && ref > 0) {
      averagePrecision += precision;
      averageRecall += recall;
      effectiveOrder++;
    }
  }
  if (epsSmoothing) return (100 * score) / orders;
  if (effectiveOrder === 0) return 0;
  averagePrecision /= effectiveOrder;
  averageRecall /= effectiveOrder;
  if (averagePrecision + averageRecall === 0) return 0;
  return (
    (100 * (1 + factor) * averagePrecision * averageRecall) / (factor * averagePrecision + averageRecall)
  );
}

function segmentStatistics(
  hypothesis: string,
  references: readonly string[],
  options: Required<ChrfOptions>,
): number[] {
  const prepare = (s: string) => (options.lowercase ? s.toLowerCase() : s);
  const ngramsOf = (s: string) => [
    ...charNgrams(prepare(s), options.charOrder, options.keepWhitespace),
    ...wordNgrams(prepare(s), options.wordOrder),
  ];
  const hyp = ngramsOf(hypothesis);
  let best: number[] = [];
  let bestScore = -1;
  for (const reference of references) {
    const ref = ngramsOf(reference);
    const stats: number[] = [];
    hyp.forEach((h, i) => {
      let match = 0;
      for (const [gram, count] of h) match += Math.min(count, ref[i].get(gram) ?? 0);
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      const referenceTotal = total(ref[i]);
      // sacrebleu counts no hypothesis n-grams of an order the reference has none of.
      stats.push(referenceTotal > 0 ? total(h) : 0, referenceTotal, match);
    });
    const score = fScore(stats, options.beta, options.epsSmoothing);
    if (score > bestScore) {
      bestScore = score;
      best = stats;
    }
  }
  return best;
}

const defaults: Required<ChrfOptions> = {
  charOrder: 6,
  wordOrder: 0,
  beta: 2,
  lowercase: false,
  keepWhitespace: false,
  epsSmoothing: false,
};

/** `sacrebleu.corpus_chrf`: `references[r][i]` is reference stream r for hypothesis i. */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  options: ChrfOptions = {},
): number {
  const settings = { ...defaults, ...options };
  let sums: number[] = [];
  hypotheses.forEach((hypothesis, i) => {
    const stats = segmentStatistics(
      hypothesis,
      references.map((stream) => stream[i]),
      settings,
    );
    sums = sums.length === 0 ? stats : sums.map((v, j) => v + stats[j]);
  });
  return fScore(sums, settings.beta, settings.epsSmoothing);
}

export function sentenceChrf(
  hypothesis: string,
  references: readonly string[],
  options: ChrfOptions = {},
): number {
  return corpusChrf(
    [hypothesis],
    references.map((r) => [r]),
    options,
  );
}

/** Scorer: sentence chrF (chrF++ with `wordOrder: 2`), scaled to 0..1. */
export function chrf(options: ChrfOptions & { threshold?: number } = {}): Scorer {
  const { threshold, ...chrfOptions } = options;
  return {
    name: (chrfOptions.wordOrder ?? 0) > 0 ? 'chrf++' : 'chrf',
    threshold,
    score(example, output) {
      const value = sentenceChrf(output.output, expectedStrings(example, 'chrf'), chrfOptions);
      return { score: value / 100, details: { chrf: value } };
    },
  };
}
