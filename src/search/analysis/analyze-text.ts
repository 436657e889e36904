// The analyzer BM25 indexes and queries with: tokenize → strip English possessives → lowercase →
// drop stopwords → Porter stem (the same chain as Anserini's DefaultEnglishAnalyzer).
import { luceneEnglishStopwords } from './english-stopwords.js';
import { porterStem } from './porter-stemmer.js';
import { hashStart, hashStep, TokenTable } from './token-table.js';

export interface AnalyzerOptions {
  stopwords?: ReadonlySet<string>;
  stem?: boolean;
}

export type Analyzer = (text: string) => string[];

// Letters and digits, with inner apostrophes (possessives, contractions) and decimal points kept.
const tokenPattern = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const { stopwords = luceneEnglishStopwords, stem = true } = options;
  // Raw token → its term ('' when dropped): the same token is never normalised or stemmed twice.
  // ASCII tokens are looked up in place (token-table.ts), others by their string.
  const table = new TokenTable(200_000);
  const cache = new Map<string, string>();
  const termOf = (raw: string): string => {
    let term = cache.get(raw);
    if (term === undefined) {
      term = normalise(raw, stopwords, stem);
      if (cache.size < 200_000) cache.set(raw, term);
    }
    return term;
  };
  return (text) => {
    const terms: string[] = [];
    const lower = text.toLowerCase();
    if (nonAscii.test(lower)) {
      for (const match of lower.matchAll(tokenPattern)) {
        const term = termOf(match[0]);
        if (term !== '') terms.push(term);
      }
      return terms;
    }
    // ASCII text (most of it): the token pattern scanned by character code, no match objects; each
    // token hashed as it is read and looked up without a substring.
    const length = lower.length;
    let index = 0;
    while (index < length) {
      while (index < length && !isAsciiWordCode(lower.charCodeAt(index))) index++;
      if (index === length) break;
      const start = index;
      let hash = hashStart;
      for (;;) {
        for (; index < length; index++) {
          const code = lower.charCodeAt(index);
          if (!isAsciiWordCode(code)) break;
          hash = hashStep(hash, code);
        }
        const code = lower.charCodeAt(index);
        // An inner apostrophe or point followed by a letter or digit continues the token.
        if ((code === 39 || code === 46) && isAsciiWordCode(lower.charCodeAt(index + 1))) {
          hash = hashStep(hash, code);
          index++;
        } else break;
      }
      let term = table.find(lower, start, index, hash);
      if (term === undefined) {
        const raw = lower.slice(start, index);
        term = normalise(raw, stopwords, stem);
        table.keep(raw, hash, term);
      }
      if (term !== '') terms.push(term);
    }
    return terms;
  };
}

const nonAscii = /[\u0080-\uffff]/;

/** [a-z0-9] after lowercasing (NaN past the end is neither). */
function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function normalise(raw: string, stopwords: ReadonlySet<string>, stem: boolean): string {
  let token = raw.replace(/['’]s$/, '');
  // An abbreviation like "u.s.a" becomes "usa"; a number like "3.5" keeps its point.
  if (token.includes('.') && !/^[\d.]+$/.test(token)) token = token.replaceAll('.', '');
  token = token.replaceAll('’', "'");
  if (token === '' || stopwords.has(token)) return '';
  return stem ? porterStem(token) : token;
}

/** The default analyzer: Lucene English stopwords and Porter stemming. */
export const analyzeText: Analyzer = createAnalyzer();
