// The analyzer's in-place token cache (token-table.ts) gives exactly the terms of analysing every
// token afresh (the same normalisation, no cache), also past the cache's limit and under collisions.
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyze-text.js';
import { luceneEnglishStopwords } from './english-stopwords.js';
import { porterStem } from './porter-stemmer.js';
import { hashStart, hashStep, TokenTable } from './token-table.js';

// The analyzer's token rule, uncached: lowercase, split, strip possessives, drop stopwords, stem.
function reference(text: string): string[] {
  const terms: string[] = [];
  for (const [raw] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu)) {
    let token = raw.replace(/['’]s$/, '');
    if (token.includes('.') && !/^[\d.]+$/.test(token)) token = token.replaceAll('.', '');
    token = token.replaceAll('’', "'");
    if (token !== '' && !luceneEnglishStopwords.has(token)) terms.push(porterStem(token));
  }
  return terms;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pieces = [
  'the',
  'running',
  'Cats',
  "dog's",
  'U.S.A',
  '3.5',
  'x',
  'é',
  'naïve',
  "don't",
  '.',
  "'",
  ' ',
  '  ',
  ',',
  '-',
];

describe('TokenTable in the analyzer', () => {
  it('analyses ASCII and non-ASCII texts exactly as without a cache', () => {
    const next = random(3);
    const analyzer = createAnalyzer();
    for (let text = 0; text < 2000; text++) {
      let words = '';
      for (let piece = 0; piece < 30; piece++)
        words +=
          next() < 0.6
            ? pieces[Math.floor(next() * pieces.length)]
            : `${next() < 0.5 ? ' ' : ''}w${Math.floor(next() * 500)}${next() < 0.1 ? "'s" : ''}`;
      if (next() < 0.7) words = words.replace(/[éï]/g, 'e');
      expect(analyzer(words)).toEqual(reference(words));
    }
  });

  it('finds tokens in place, keeps nothing past its limit and survives full collisions', () => {
    const hashOf = (token: string) =>
      [...token].reduce((hash, char) => hashStep(hash, char.charCodeAt(0)), hashStart);
    const table = new TokenTable(3000);
    for (let n = 0; n < 5000; n++) table.keep(`t${n}`, hashOf(`t${n}`), `term${n}`);
    expect(table.size).toBe(3000);
    const text = 'xx t42 t2999 t3000 t4';
    expect(table.find(text, 3, 6, hashOf('t42'))).toBe('term42');
    expect(table.find(text, 7, 12, hashOf('t2999'))).toBe('term2999');
    expect(table.find(text, 13, 18, hashOf('t3000'))).toBeUndefined();
    const colliding = new TokenTable(100);
    for (let n = 0; n < 50; n++) colliding.keep(`c${n}`, 7, `v${n}`);
    expect(colliding.find('c49 c7', 4, 6, 7)).toBe('v7');
    expect(colliding.find('c49 c7', 0, 3, 7)).toBe('v49');
    expect(colliding.find('c50', 0, 3, 7)).toBeUndefined();
  });
});
