// Python's whitespace, word characters and decimal digits, checked code point by code point against a
// table Python itself wrote (scripts/python-unicode-classes.py), and the four disagreements with the
// reference scorers that came from JavaScript's own definitions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu } from './bleu.js';
import { corpusChrf, sentenceChrf } from './chrf.js';
import { gaiaQuestionScorer, parsePythonFloat } from './gaia-quasi-exact-match.js';
import {
  asciiDigits,
  pythonSplit,
  pythonStrip,
  pythonWordPattern,
  removePythonWhitespace,
} from './python-text.js';
import { normaliseSquadAnswer, squadF1Score } from './squad-f1.js';

interface UnicodeClasses {
  unicode: string;
  whitespace: number[];
  decimalRuns: [number, number][];
  wordRuns: [number, number][];
  assignedRuns: [number, number][];
}
const classes = JSON.parse(
  readFileSync(new URL('./__fixtures__/python-reference/unicode-classes.json', import.meta.url), 'utf8'),
) as UnicodeClasses;

const inRuns = (runs: [number, number][]) => {
  const set = new Set<number>();
  for (const [start, count] of runs) for (let i = 0; i < count; i++) set.add(start + i);
  return set;
};
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

describe('Python text rules, code point by code point', () => {
  const pythonWhitespace = new Set(classes.whitespace);
  const assigned = inRuns(classes.assignedRuns);

  it('splits and strips on exactly the characters str.isspace() accepts', () => {
    const wrong: string[] = [];
    for (let code = 0; code < 0x110000; code++) {
      if (isSurrogate(code)) continue;
      const char = String.fromCodePoint(code);
      const splits = pythonSplit(`a${char}b`).length === 2;
      const stripped = pythonStrip(`${char}a${char}`) === 'a';
      const removed = removePythonWhitespace(`a${char}b`) === 'ab';
      const expected = pythonWhitespace.has(code);
      if (splits !== expected || stripped !== expected || removed !== expected) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(pythonWhitespace.has(0xfeff)).toBe(false);
    expect(pythonWhitespace.has(0x85)).toBe(true);
  });

  it('reads every decimal digit Python reads, with its value', () => {
    const wrong: string[] = [];
    for (const [start, count] of classes.decimalRuns) {
      for (let i = 0; i < count; i++) {
        const code = start + i;
        if (asciiDigits(String.fromCodePoint(code)) !== String(i % 10)) wrong.push(code.toString(16));
      }
    }
    expect(wrong).toEqual([]);
    expect(asciiDigits('a-b')).toBe('a-b');
  });

  it('treats as word characters what Python re treats as \\w (code points assigned in its Unicode version)', () => {
    const pythonWord = inRuns(classes.wordRuns);
    const pattern = pythonWordPattern(['x'], 'u');
    const wrong: string[] = [];
    for (const code of assigned) {
      if (isSurrogate(code) || code === 0x78) continue;
      // 'x' is found as a whole word next to `char` exactly when `char` is not a word character.
      const standsAlone = pattern.test(`${String.fromCodePoint(code)}x`);
      if (standsAlone === pythonWord.has(code)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('the disagreements found against the references, fixed', () => {
  it('BLEU and chrF do not split on U+FEFF but do on U+0085 and U+001F', () => {
    expect(sentenceBleu('The\ufeffcat sat on the mat', ['The cat sat on the mat']).score).toBeCloseTo(
      54.75,
      2,
    );
    expect(sentenceChrf('The\ufeffcat', ['The cat'])).toBeCloseTo(36.89, 2);
    expect(sentenceBleu('the\u0085cat sat on the mat', ['the cat sat on the mat']).score).toBeCloseTo(100, 9);
    expect(corpusBleu(['a\u001fb'], [['a b']], { tokenize: 'none' }).sysLen).toBe(2);
  });

  it('corpus chrF ignores hypothesis n-grams of an order the reference has none of', () => {
    expect(corpusChrf(['the cat sat on the mat', 'abcdef'], [['the cat sat on the mat', 'abc']])).toBeCloseTo(
      98.475,
      3,
    );
  });

  it('SQuAD splits on Python whitespace and removes articles next to non-ASCII letters as Python does', () => {
    expect(squadF1Score('the\u0085cat', 'cat')).toBe(1);
    expect(normaliseSquadAnswer('María')).toBe('maría');
    expect(normaliseSquadAnswer('the año')).toBe('año');
    expect(normaliseSquadAnswer('théâtre')).toBe('théâtre');
  });

  it('GAIA keeps U+FEFF and reads Unicode decimal digits as Python float() does', () => {
    expect(gaiaQuestionScorer('Paris\ufeff', 'paris')).toBe(false);
    expect(gaiaQuestionScorer('\u0667', '7')).toBe(true);
    expect(gaiaQuestionScorer('１２', '12')).toBe(true);
    expect(gaiaQuestionScorer('𝟕', '7')).toBe(true);
    expect(parsePythonFloat('\u00a0٣.٥\u2003')).toBe(3.5);
    expect(parsePythonFloat('\ufeff3')).toBeUndefined();
  });
});
