// Frozen copy of the toxicity scanner's pieces and score (src/guard/scanners/toxicity-scanner.ts at commit
// 3521eeb, before pieces were read from the prompt tasks' scan): the oracle of
// test/guard-piece-features.test.ts. Every piece is scanned on its own by the frozen text features.
import type { LinearModel } from '../../src/guard/classifier/linear-model.js';
import { predictTextPositive } from './text-features.js';

const pieceLength = 280;

export function pieces(text: string): string[] {
  if (text.length <= pieceLength) return [text];
  const out: string[] = [];
  for (const sentence of text.split(/(?<=[.!?\n])\s+/)) {
    if (sentence.trim().length === 0) continue;
    for (let i = 0; i < sentence.length; i += pieceLength / 2) {
      out.push(sentence.slice(i, i + pieceLength));
      if (i + pieceLength >= sentence.length) break;
    }
  }
  return out;
}

/** Highest toxicity over the pieces of an already normalised text. */
export function toxicityOfNormalized(text: string, model: LinearModel): number {
  let score = 0;
  for (const piece of pieces(text)) score = Math.max(score, predictTextPositive(model, piece));
  return score;
}
