// GAIA's official quasi-exact match (gaia_scorer.py `question_scorer`): numeric ground truths compare
// as floats after stripping `$ % ,`; ground truths with `,` or `;` compare element-wise as lists of the
// same length (spaces removed, punctuation kept); anything else compares with whitespace and
// punctuation removed, lower-cased. Articles are NOT removed (some re-implementations do).
import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';
import { asciiDigits, pythonStrip, removePythonWhitespace } from './python-text.js';

// Python's string.punctuation.
const punctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** Python `float(s)`: surrounding whitespace, any Unicode decimal digits, underscores between digits, inf/nan. */
export function parsePythonFloat(text: string): number | undefined {
  const s = asciiDigits(pythonStrip(text));
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return Number.NaN;
  if (!/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(s)) return undefined;
  return Number(s.replaceAll('_', ''));
}

function normaliseNumber(text: string): number {
  const cleaned = text.replaceAll('$', '').replaceAll('%', '').replaceAll(',', '');
  return parsePythonFloat(cleaned) ?? Number.POSITIVE_INFINITY;
}

function normaliseString(text: string, removePunctuation = true): string {
  const lowered = removePythonWhitespace(text).toLowerCase();
  return removePunctuation ? [...lowered].filter((c) => !punctuation.has(c)).join('') : lowered;
}

export function gaiaQuestionScorer(modelAnswer: string | null | undefined, groundTruth: string): boolean {
  const answer = modelAnswer ?? 'None';
  const truthNumber = parsePythonFloat(groundTruth);
  if (truthNumber !== undefined) return normaliseNumber(answer) === truthNumber;
  if (groundTruth.includes(',') || groundTruth.includes(';')) {
    const truthItems = groundTruth.split(/[,;]/);
    const answerItems = answer.split(/[,;]/);
    if (truthItems.length !== answerItems.length) return false;
    return truthItems.every((truthItem, i) => {
      const itemNumber = parsePythonFloat(truthItem);
      if (itemNumber !== undefined) return normaliseNumber(answerItems[i]) === itemNumber;
      return normaliseString(answerItems[i], false) === normaliseString(truthItem, false);
    });
  }
  return normaliseString(answer) === normaliseString(groundTruth);
}

export function gaiaQuasiExactMatch(): Scorer {
  return {
    name: 'gaia',
    score(example, output) {
      const hit = expectedStrings(example, 'gaia').some((truth) => gaiaQuestionScorer(output.output, truth));
      return { score: hit ? 1 : 0, pass: hit };
    },
  };
}
