// What the hit verifier sees of a (asked, cached) prompt pair: facts drawn from each prompt once
// (when cached, when asked) and a fixed vector of pair features computed from two sets of facts.
// Every feature is symmetric (the cache cannot know which of two paraphrases is the "original").
import { falseHitGuards } from '../guards/index.js';
import { isStopword, type PromptToken, promptTokens, stem } from '../prompt-tokens.js';
import type { IdfTable } from './idf-table.js';

/** The guards whose verdicts are features (content-words is covered by the overlap features). */
const guardFeatures = ['negation', 'numbers', 'dates', 'entities', 'output-form'] as const;

export interface VerifierFacts {
  /** Stemmed lower-case words in order, stopwords included. */
  words: string[];
  /** Stemmed content words (no stopwords), in order. */
  content: string[];
  /** Content word → its idf. */
  idf: Map<string, number>;
  idfSum: number;
  /** The kind of question: a wh-word, a yes/no auxiliary, or '' (see questionKind). */
  kind: string;
  /**
   * Character trigrams of the text with only letters, digits and single spaces kept, each as one
   * exact number (its three UTF-16 code units c0·2^32 + c1·2^16 + c2), distinct and ascending: no
   * string per trigram, and overlaps by one merge.
   */
  trigrams: Float64Array;
  /** Word bigrams over `words` ("previous word"), distinct and sorted. */
  bigrams: string[];
  guards: unknown[];
}

export const pairFeatureNames = [
  'bias',
  'cosine',
  'idf_overlap_min',
  'idf_overlap_max',
  'idf_unmatched_max',
  'idf_unmatched_min',
  'idf_unmatched_word_max',
  'unmatched_words_max',
  'unmatched_words_min',
  'content_jaccard',
  'kind_mismatch',
  'first_word_mismatch',
  'guard_negation',
  'guard_numbers',
  'guard_dates',
  'guard_entities',
  'guard_output_form',
  'length_ratio',
  'log_length',
  'trigram_jaccard',
  'bigram_jaccard',
  'order_agreement',
  'identical',
  'idf_overlap_min_sq',
  'trigram_jaccard_sq',
  'cosine_sq',
] as const;

const kinds: Record<string, string> = {
  what: 'what',
  which: 'which',
  who: 'who',
  whom: 'who',
  whose: 'who',
  why: 'why',
  how: 'how',
  where: 'where',
  when: 'when',
};
const auxiliaries = new Set([
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'should',
  'would',
  'will',
  'shall',
  'may',
  'might',
  'must',
  'has',
  'have',
  'had',
  'am',
]);

/** The first wh-word of the text ('how much' and 'how many' apart from 'how'), else 'yes-no' when it opens with an auxiliary. */
export function questionKind(tokens: readonly PromptToken[]): string {
  for (let i = 0; i < tokens.length; i++) {
    const kind = kinds[tokens[i].text];
    if (!kind) continue;
    const next = tokens[i + 1]?.text;
    if (kind === 'how' && (next === 'much' || next === 'many' || next === 'long' || next === 'old'))
      return `how ${next}`;
    return kind;
  }
  return tokens.length > 0 && auxiliaries.has(tokens[0].text) ? 'yes-no' : '';
}

/** What a caller that already has them passes to verifierFacts (the same facts either way). */
export interface KnownPromptWork {
  /** stem() of each token's text (kept as the facts' `words`: never mutated). */
  stems?: readonly string[];
  /** A guard's facts of this prompt (falseHitGuards[name].facts of the same tokens). */
  guard?: (name: (typeof guardFeatures)[number]) => unknown;
}

export function verifierFacts(
  text: string,
  idf: IdfTable,
  tokens = promptTokens(text),
  known: KnownPromptWork = {},
): VerifierFacts {
  const words = known.stems ? (known.stems as string[]) : tokens.map((token) => stem(token.text));
  const content: string[] = [];
  const idfOf = new Map<string, number>();
  let idfSum = 0;
  for (const word of words) {
    if (isStopword(word)) continue;
    content.push(word);
    if (idfOf.has(word)) continue;
    const value = idf.idf(word);
    idfOf.set(word, value);
    idfSum += value;
  }
  const flat = ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
  const bigrams: string[] = [];
  for (let i = 1; i < words.length; i++) bigrams.push(`${words[i - 1]} ${words[i]}`);
  return {
    words,
    content,
    idf: idfOf,
    idfSum,
    kind: questionKind(tokens),
    trigrams: trigramCodes(flat),
    bigrams: distinctSorted(bigrams),
    guards: guardFeatures.map((name) =>
      known.guard ? known.guard(name) : falseHitGuards[name].facts(tokens, text, known.stems),
    ),
  };
}

/** The distinct trigrams of `flat` as numbers (see VerifierFacts.trigrams), ascending. */
function trigramCodes(flat: string): Float64Array {
  const count = Math.max(0, flat.length - 2);
  const codes = new Float64Array(count);
  for (let i = 0; i < count; i++)
    codes[i] = flat.charCodeAt(i) * 4_294_967_296 + flat.charCodeAt(i + 1) * 65_536 + flat.charCodeAt(i + 2);
  codes.sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (i === 0 || codes[i] !== codes[i - 1]) codes[distinct++] = codes[i];
  return distinct === count ? codes : codes.slice(0, distinct);
}

function distinctSorted(items: string[]): string[] {
  items.sort();
  let distinct = 0;
  for (let i = 0; i < items.length; i++)
    if (i === 0 || items[i] !== items[i - 1]) items[distinct++] = items[i];
  items.length = distinct;
  return items;
}

/** The pair's feature vector, in the order of pairFeatureNames (bias first). */
export function pairFeatures(a: VerifierFacts, b: VerifierFacts, cosine: number): number[] {
  const [aOnly, aOnlyMax] = unmatched(a, b);
  const [bOnly, bOnlyMax] = unmatched(b, a);
  const overlapA = a.idfSum === 0 ? 1 : 1 - aOnly / a.idfSum;
  const overlapB = b.idfSum === 0 ? 1 : 1 - bOnly / b.idfSum;
  const countA = countUnmatched(a, b);
  const countB = countUnmatched(b, a);
  const shared = a.idf.size - countA;
  const union = a.idf.size + b.idf.size - shared;
  const lengthA = Math.max(1, a.words.length);
  const lengthB = Math.max(1, b.words.length);
  const trigram = sortedJaccard(a.trigrams, b.trigrams);
  const overlapMin = Math.min(overlapA, overlapB);
  const features = [
    1,
    cosine,
    overlapMin,
    Math.max(overlapA, overlapB),
    Math.max(aOnly, bOnly),
    Math.min(aOnly, bOnly),
    Math.max(aOnlyMax, bOnlyMax),
    Math.max(countA, countB),
    Math.min(countA, countB),
    union === 0 ? 1 : shared / union,
    a.kind === b.kind ? 0 : 1,
    a.words[0] === b.words[0] ? 0 : 1,
  ];
  for (let g = 0; g < guardFeatures.length; g++)
    features.push(falseHitGuards[guardFeatures[g]].conflicts(a.guards[g], b.guards[g]) ? 1 : 0);
  features.push(
    Math.min(lengthA, lengthB) / Math.max(lengthA, lengthB),
    Math.log1p(Math.min(lengthA, lengthB)),
    trigram,
    sortedJaccard(a.bigrams, b.bigrams),
    orderAgreement(a.content, b.content),
    sameWords(a.words, b.words) ? 1 : 0,
    overlapMin * overlapMin,
    trigram * trigram,
    cosine * cosine,
  );
  return features;
}

/** Idf mass of a's content words missing from b, and the largest single one. */
function unmatched(a: VerifierFacts, b: VerifierFacts): [number, number] {
  let sum = 0;
  let max = 0;
  for (const [word, value] of a.idf) {
    if (b.idf.has(word)) continue;
    sum += value;
    if (value > max) max = value;
  }
  return [sum, max];
}

function countUnmatched(a: VerifierFacts, b: VerifierFacts): number {
  let count = 0;
  for (const word of a.idf.keys()) if (!b.idf.has(word)) count++;
  return count;
}

/** Jaccard overlap of two sets given as distinct, ascending lists (1 when both are empty). */
function sortedJaccard<T extends number | string>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  if (a.length === 0 && b.length === 0) return 1;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/** Same words in the same order (what joining both with spaces and comparing gave: no word has a space). */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Word order: the longest common subsequence of the two content-word sequences over the number of
 * shared content words (1 when the shared words come in the same order; "dog bites man" vs "man bites dog" lower).
 */
function orderAgreement(a: readonly string[], b: readonly string[]): number {
  const left = a.slice(0, 40);
  const right = b.slice(0, 40);
  const inRight = new Set(right);
  const sharedWords = new Set(left.filter((word) => inRight.has(word)));
  if (sharedWords.size < 2) return 1;
  const x = left.filter((word) => sharedWords.has(word));
  const y = right.filter((word) => sharedWords.has(word));
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const current = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++)
      current[j] = x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    previous = current;
  }
  return previous[y.length] / Math.min(x.length, y.length);
}
