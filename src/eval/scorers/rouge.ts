// ROUGE-N, ROUGE-L and ROUGE-Lsum computed as Google's `rouge-score` does (rouge_scorer.py): its
// tokenizer (lowercase, [^a-z0-9]+ → space, Porter stemming only for tokens longer than 3 characters),
// clipped n-gram overlap, LCS, and Lsum's union LCS over newline-separated sentences.
import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';
import { porterStem } from './porter-stemmer.js';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export type RougeType = `rouge${number}` | 'rougeL' | 'rougeLsum';

export function rougeTokenize(text: string, useStemmer = false): string[] {
  let tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/);
  if (useStemmer) tokens = tokens.map((t) => (t.length > 3 ? porterStem(t) : t));
  return tokens.filter((t) => /^[a-z0-9]+$/.test(t));
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(target: Map<string, number>, prediction: Map<string, number>): RougeScore {
  let overlap = 0;
  for (const [key, count] of target) overlap += Math.min(count, prediction.get(key) ?? 0);
  const targetCount = [...target.values()].reduce((a, b) => a + b, 0);
  const predictionCount = [...prediction.values()].reduce((a, b) => a + b, 0);
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function lcsTable(reference: readonly string[], candidate: readonly string[]): number[][] {
  const table = Array.from({ length: reference.length + 1 }, () =>
    new Array<number>(candidate.length + 1).fill(0),
  );
  for (let i = 1; i <= reference.length; i++) {
    for (let j = 1; j <= candidate.length; j++) {
      table[i][j] =
        reference[i - 1] === candidate[j - 1]
          ? table[i - 1][j - 1] + 1
          : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table;
}

/** Indices into `reference` of one LCS, read back as rouge-score's `_backtrack_norec` does. */
export function lcsIndices(reference: readonly string[], candidate: readonly string[]): number[] {
  const table = lcsTable(reference, candidate);
  let i = reference.length;
  let j = candidate.length;
  const indices: number[] = [];
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      indices.unshift(i - 1);
      i--;
      j--;
    } else if (table[i][j - 1] > table[i - 1][j]) {
      j--;
    } else {
      i--;
    }
  }
  return indices;
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsTable(target, prediction)[target.length][prediction.length];
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Summary-level LCS (Lin 2004, §3.2): union LCS of each reference sentence against all candidate sentences. */
export function summaryLevelLcs(
  referenceSentences: readonly string[][],
  candidateSentences: readonly string[][],
): RougeScore {
  const zero = { precision: 0, recall: 0, fmeasure: 0 };
  if (referenceSentences.length === 0 || candidateSentences.length === 0) return zero;
  const m = referenceSentences.reduce((sum, s) => sum + s.length, 0);
  const n = candidateSentences.reduce((sum, s) => sum + s.length, 0);
  if (m === 0 || n === 0) return zero;
  const count = (sentences: readonly string[][]) => {
    const counts = new Map<string, number>();
    for (const s of sentences) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  };
  const referenceCounts = count(referenceSentences);
  const candidateCounts = count(candidateSentences);
  let hits = 0;
  for (const reference of referenceSentences) {
    const union = new Set<number>();
    for (const candidate of candidateSentences)
      for (const index of lcsIndices(reference, candidate)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = reference[index];
      if ((candidateCounts.get(token) ?? 0) > 0 && (referenceCounts.get(token) ?? 0) > 0) {
        hits++;
        candidateCounts.set(token, candidateCounts.get(token)! - 1);
        referenceCounts.set(token, referenceCounts.get(token)! - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** `RougeScorer(types, use_stemmer).score(target, prediction)`: note the target comes first. */
export function rougeScores(
  target: string,
  prediction: string,
  types: readonly RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'],
  { useStemmer = false }: { useStemmer?: boolean } = {},
): Record<string, RougeScore> {
  const result: Record<string, RougeScore> = {};
  const targetTokens = rougeTokenize(target, useStemmer);
  const predictionTokens = rougeTokenize(prediction, useStemmer);
  for (const type of types) {
    if (type === 'rougeL') {
      result[type] = scoreLcs(targetTokens, predictionTokens);
    } else if (type === 'rougeLsum') {
      const sentences = (text: string) =>
        text
          .split('\n')
          .filter((s) => s.length > 0)
          .map((s) => rougeTokenize(s, useStemmer));
      result[type] = summaryLevelLcs(sentences(target), sentences(prediction));
    } else {
      const match = /^rouge([1-9])$/.exec(type);
      if (!match) {
        throw new GantryError('EVAL_SCORER_INPUT_INVALID', `Unknown ROUGE type '${type}'.`, {
          hint: 'Use rouge1 … rouge9, rougeL or rougeLsum.',
        });
      }
      const n = Number(match[1]);
      result[type] = scoreNgrams(ngrams(targetTokens, n), ngrams(predictionTokens, n));
    }
  }
  return result;
}

/** Scorer: the F-measure of one ROUGE type, best over the references. */
export function rouge({
  type = 'rougeL',
  useStemmer = false,
  threshold,
}: {
  type?: RougeType;
  useStemmer?: boolean;
  threshold?: number;
} = {}): Scorer {
  return {
    name: type,
    threshold,
    score(example, output) {
      const scores = expectedStrings(example, type).map(
        (reference) => rougeScores(reference, output.output, [type], { useStemmer })[type],
      );
      const best = scores.reduce((a, b) => (b.fmeasure > a.fmeasure ? b : a));
      return { score: best.fmeasure, details: { ...best } };
    },
  };
}
