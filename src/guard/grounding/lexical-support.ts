// The lexical groundedness check (no model): a claim is supported by a passage when the passage holds
// its content words (Porter stems), all of its numbers and names, and the passage sentence that matches
// it best has the same polarity (a "not" added or dropped is the cheapest way to flip a fact).
// It cannot see paraphrase or entailment: a correct answer in other words scores as unsupported, and a
// wrong claim assembled from the passage's own words scores as supported (docs/guard.md).

import { type ClaimTerms, claimTerms, claimTokenPattern, normaliseNumber } from './claim-terms.js';
import { sentenceSpans } from './split-claims.js';

export interface IndexedPassage {
  words: Set<string>;
  numbers: Set<string>;
  /** Every lower-cased token, to look names up in. */
  tokens: Set<string>;
  sentences: ClaimTerms[];
}

export interface LexicalSupport {
  /** 0..1: how strongly the passages fail to support the claim (1 = nothing of it is there). */
  unsupported: number;
  /** Index of the passage that supports it best. */
  passage: number;
  /** Why the score is high: `numbers:…`, `names:…`, `negation`, `words:…`. */
  reasons: string[];
}

export function indexPassage(text: string): IndexedPassage {
  const tokens = new Set<string>();
  const lower = text.toLowerCase();
  for (const pattern of [claimTokenPattern, /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu]) {
    for (const match of lower.matchAll(pattern)) {
      const token = match[0].replace(/['’]s$/, '');
      tokens.add(token);
      const number = normaliseNumber(token.replace(/%$/, ''));
      if (number !== undefined) tokens.add(number);
    }
  }
  // The passage's words and numbers are those of its sentences (one analysis pass, not two).
  const sentences = sentenceSpans(text).map(([s, e]) => claimTerms(text.slice(s, e)));
  return {
    words: new Set(sentences.flatMap((t) => t.words)),
    numbers: new Set(sentences.flatMap((t) => t.numbers)),
    tokens,
    sentences,
  };
}

/** Score of each missing content word: one missing word is a strong hint, several are near certain. */
const missingWordWeight = 0.35;

export function lexicalSupport(
  claim: string | ClaimTerms,
  passages: readonly IndexedPassage[],
): LexicalSupport {
  const terms = typeof claim === 'string' ? claimTerms(claim) : claim;
  let best: LexicalSupport = { unsupported: 1, passage: -1, reasons: ['no source'] };
  passages.forEach((passage, index) => {
    const reasons: string[] = [];
    const missingWords = terms.words.filter((w) => !passage.words.has(w));
    const coverage = terms.words.length ? 1 - missingWords.length / terms.words.length : 1;
    let unsupported = Math.max(1 - coverage, 1 - (1 - missingWordWeight) ** missingWords.length);
    if (missingWords.length) reasons.push(`words:${missingWords.slice(0, 5).join(',')}`);
    const missingNumbers = terms.numbers.filter((n) => !passage.numbers.has(n) && !passage.tokens.has(n));
    if (missingNumbers.length) {
      unsupported = Math.max(unsupported, 0.9);
      reasons.push(`numbers:${missingNumbers.join(',')}`);
    }
    const missingNames = terms.names.filter((n) => !passage.tokens.has(n));
    if (missingNames.length) {
      unsupported = Math.max(unsupported, 0.8);
      reasons.push(`names:${missingNames.join(',')}`);
    }
    // Polarity against the passage sentence (or pair of sentences) that holds most of the claim's words.
    if (terms.words.length >= 2) {
      let aligned: { overlap: number; terms: ClaimTerms[] } = { overlap: 0, terms: [] };
      const s = passage.sentences;
      // Single sentences first; a pair of adjacent sentences only when it holds more of the claim.
      const windows = [...s.map((t) => [t]), ...s.slice(1).map((t, i) => [s[i], t])];
      for (const window of windows) {
        const words = new Set(window.flatMap((t) => t.words));
        let overlap = 0;
        for (const w of terms.words) if (words.has(w)) overlap++;
        if (overlap > aligned.overlap) aligned = { overlap, terms: window };
      }
      const passageNegations = aligned.terms.reduce((sum, t) => sum + t.negations, 0);
      const claimWords = new Set(terms.words);
      // A negation in the passage counts only when the claim states what it negates.
      const negatedInPassage = aligned.terms.some((t) => t.negated.some((w) => claimWords.has(w)));
      const flipped = terms.negations > 0 ? passageNegations === 0 : passageNegations > 0 && negatedInPassage;
      const strong = aligned.overlap / terms.words.length >= 0.5;
      if (strong && flipped) {
        unsupported = Math.max(unsupported, 0.85);
        reasons.push('negation');
      }
      // A number the passage has, but not in the sentence the claim comes from (a swapped figure).
      const local = new Set(aligned.terms.flatMap((t) => t.numbers));
      const moved = terms.numbers.filter((n) => !missingNumbers.includes(n) && !local.has(n));
      if (strong && moved.length) {
        unsupported = Math.max(unsupported, 0.6);
        reasons.push(`numbers elsewhere:${moved.join(',')}`);
      }
    }
    if (unsupported < best.unsupported || best.passage === -1)
      best = { unsupported, passage: index, reasons };
  });
  return best;
}
