// SQuAD v1.1's official answer scoring (evaluate-v1.1.py): normalise (lower-case, drop punctuation,
// drop a/an/the, squeeze spaces), then exact match and token-level F1, best over the ground truths.
import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';
import { pythonSplit, pythonWordPattern } from './python-text.js';

const punctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const articles = pythonWordPattern(['a', 'an', 'the']);

export function normaliseSquadAnswer(text: string): string {
  const lowered = text.toLowerCase();
  const noPunctuation = [...lowered].filter((c) => !punctuation.has(c)).join('');
  const noArticles = noPunctuation.replace(articles, ' ');
  return pythonSplit(noArticles).join(' ');
}

export function squadF1Score(prediction: string, groundTruth: string): number {
  const predictionTokens = normaliseSquadAnswer(prediction).split(' ').filter(Boolean);
  const truthTokens = normaliseSquadAnswer(groundTruth).split(' ').filter(Boolean);
  const truthCounts = new Map<string, number>();
  for (const t of truthTokens) truthCounts.set(t, (truthCounts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of predictionTokens) {
    const left = truthCounts.get(t) ?? 0;
    if (left > 0) {
      same++;
      truthCounts.set(t, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / predictionTokens.length;
  const recall = same / truthTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

export function squadExactMatch(prediction: string, groundTruth: string): boolean {
  return normaliseSquadAnswer(prediction) === normaliseSquadAnswer(groundTruth);
}

export function squadF1({ threshold }: { threshold?: number } = {}): Scorer {
  return {
    name: 'f1',
    threshold,
    score(example, output) {
      const truths = expectedStrings(example, 'f1');
      const f1 = Math.max(...truths.map((t) => squadF1Score(output.output, t)));
      const exact = truths.some((t) => squadExactMatch(output.output, t));
      return { score: f1, details: { exactMatch: exact } };
    },
  };
}
