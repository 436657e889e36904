// Extractive prompt shrinking: split long context into sentences, score each against the question
// (BM25-style term weights computed over the context itself), keep the best ones in their original
// order until the token target. The target is never exceeded: each kept sentence is counted as sent.
import { countTokens } from '../model/index.js';

export interface CompressOptions {
  question: string;
  /** Context passages (retrieved chunks or history turns), in their original order. */
  passages: readonly string[];
  /** The most tokens the compressed context may have (joiners included). */
  targetTokens: number;
  /** Token counter (default: the cl100k/o200k count of `model`). */
  count?: (text: string) => number;
  model?: string;
}

export interface CompressedContext {
  /** The kept passages (each one's kept sentences, in order); passages with none kept are dropped. */
  passages: string[];
  text: string;
  tokens: number;
  originalTokens: number;
  /** Index of the passage each kept passage came from. */
  sources: number[];
}

interface Sentence {
  passage: number;
  order: number;
  text: string;
  tokens: number;
  score: number;
}

const stopWords = new Set(
  'a an and are as at be by for from has have how in is it of on or that the this to was what when where which who why with do does did can'.split(
    ' ',
  ),
);

function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !stopWords.has(t));
}

/** Splits on sentence ends (., !, ? followed by space or newline) and on blank lines. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=\S)|\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function compressContext({
  question,
  passages,
  targetTokens,
  model,
  count,
}: CompressOptions): CompressedContext {
  const tokensOf = count ?? ((text: string) => countTokens(text, model));
  const sentences: Sentence[] = [];
  passages.forEach((passage, index) => {
    splitSentences(passage).forEach((text) => {
      sentences.push({ passage: index, order: sentences.length, text, tokens: tokensOf(text), score: 0 });
    });
  });
  const originalTokens = tokensOf(passages.join('\n\n'));
  // Document frequency over sentences: words that appear everywhere weigh little.
  const frequency = new Map<string, number>();
  const sentenceTerms = sentences.map((s) => new Set(terms(s.text)));
  for (const set of sentenceTerms) for (const t of set) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const questionTerms = new Set(terms(question));
  const total = sentences.length;
  sentences.forEach((sentence, index) => {
    let score = 0;
    for (const t of sentenceTerms[index] as Set<string>) {
      if (!questionTerms.has(t)) continue;
      const df = frequency.get(t) ?? 0;
      score += Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }
    // Longer sentences carry more words by chance: a mild length normalisation.
    sentence.score = score / Math.sqrt(Math.max(1, sentence.tokens / 20));
  });
  const ranked = [...sentences].sort((a, b) => b.score - a.score || a.order - b.order);
  const kept = new Set<Sentence>();
  let used = 0;
  const joiner = tokensOf('\n\n');
  for (const sentence of ranked) {
    // A space between sentences of one passage, a blank line between passages: counted as the upper bound.
    const cost = sentence.tokens + (kept.size > 0 ? joiner : 0);
    if (used + cost > targetTokens) continue;
    kept.add(sentence);
    used += cost;
  }
  const byPassage = new Map<number, string[]>();
  for (const sentence of sentences) {
    if (!kept.has(sentence)) continue;
    const list = byPassage.get(sentence.passage) ?? [];
    list.push(sentence.text);
    byPassage.set(sentence.passage, list);
  }
  const sources = [...byPassage.keys()];
  const keptPassages = sources.map((index) => (byPassage.get(index) as string[]).join(' '));
  const text = keptPassages.join('\n\n');
  const tokens = text ? tokensOf(text) : 0;
  // The joined text can count a few tokens more than its parts (merges at the seams): shrink the
  // budget by the excess and select again, so the promise holds exactly.
  if (tokens > targetTokens) {
    const smaller = targetTokens - (tokens - targetTokens) - 1;
    if (smaller <= 0) return { passages: [], text: '', tokens: 0, originalTokens, sources: [] };
    return {
      ...compressContext({ question, passages, targetTokens: smaller, model, count }),
      originalTokens,
    };
  }
  return { passages: keptPassages, text, tokens, originalTokens, sources };
}

/**
 * "Lost in the middle" (Liu et al. 2023): models use the start and the end of a long context best.
 * Given chunks ranked best first, puts the best at the two ends and the weakest in the middle:
 * ranks 1, 3, 5 … from the front and 2, 4, 6 … from the back.
 */
export function reorderForLongContext<T>(rankedBestFirst: readonly T[]): T[] {
  const front: T[] = [];
  const back: T[] = [];
  rankedBestFirst.forEach((item, rank) => {
    if (rank % 2 === 0) front.push(item);
    else back.unshift(item);
  });
  return [...front, ...back];
}
