// Frozen copy of the toxicity scanner's pieces and score (src/guard/scanners/toxicity-scanner.ts at commit
// 3521eeb, before pieces were read from the prompt tasks' scan): the oracle of
// test/guard-piece-features.test.ts. Every piece is scanned on its own by the frozen text features.
// Since guardtox (5 December 2026) a long sentence's windows end at word edges: the reference says so
// with regular expressions, independently of the scanner's scan of char codes.
import type { LinearModel } from '../../src/guard/classifier/linear-model.js';
import { predictTextPositive } from './text-features.js';

const pieceLength = 280;

/** The last i in (floor, at] with a space at i or just before it; `at` where there is none. */
function edgeBefore(sentence: string, at: number, floor: number): number {
  for (let i = at; i > floor; i--) if (/\s/.test(sentence[i]) || /\s/.test(sentence[i - 1])) return i;
  return at;
}

export function pieces(text: string): string[] {
  if (text.length <= pieceLength) return [text];
  const out: string[] = [];
  for (const sentence of text.split(/(?<=[.!?\n])\s+/)) {
    if (sentence.trim().length === 0) continue;
    let from = 0;
    while (sentence.length - from > pieceLength) {
      const to = edgeBefore(sentence, from + pieceLength, from + pieceLength / 2);
      out.push(sentence.slice(from, to));
      from = edgeBefore(sentence, from + pieceLength / 2, from + 1);
    }
    out.push(sentence.slice(from));
  }
  return out;
}

/** Highest toxicity over the pieces of an already normalised text. */
export function toxicityOfNormalized(text: string, model: LinearModel): number {
  let score = 0;
  for (const piece of pieces(text)) score = Math.max(score, predictTextPositive(model, piece));
  return score;
}
