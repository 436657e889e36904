// The analyzer BM25 indexes and queries with: tokenize → strip English possessives → lowercase →
// drop stopwords → Porter stem (the same chain as Anserini's DefaultEnglishAnalyzer).
import { luceneEnglishStopwords } from './english-stopwords.js';
import { porterStem } from './porter-stemmer.js';

export interface AnalyzerOptions {
  stopwords?: ReadonlySet<string>;
  stem?: boolean;
}

export type Analyzer = (text: string) => string[];

// Letters and digits, with inner apostrophes (possessives, contractions) and decimal points kept.
const tokenPattern = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const { stopwords = luceneEnglishStopwords, stem = true } = options;
  const cache = new Map<string, string>();
  return (text) => {
    const terms: string[] = [];
    for (const match of text.toLowerCase().matchAll(tokenPattern)) {
      let token = match[0].replace(/['’]s$/, '');
      // An abbreviation like "u.s.a" becomes "usa"; a number like "3.5" keeps its point.
      if (token.includes('.') && !/^[\d.]+$/.test(token)) token = token.replaceAll('.', '');
      token = token.replaceAll('’', "'");
      if (token === '' || stopwords.has(token)) continue;
      if (!stem) {
        terms.push(token);
        continue;
      }
      let stemmed = cache.get(token);
      if (stemmed === undefined) {
        stemmed = porterStem(token);
        if (cache.size < 200_000) cache.set(token, stemmed);
      }
      terms.push(stemmed);
    }
    return terms;
  };
}

/** The default analyzer: Lucene English stopwords and Porter stemming. */
export const analyzeText: Analyzer = createAnalyzer();
