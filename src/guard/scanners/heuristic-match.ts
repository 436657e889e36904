// A scored phrase pattern and what it matched: the shape every prompt heuristic (English, German and
// the multilingual phrases) reports as evidence.

import { execWhereStems } from '../normalize/word-prefilter.js';

export interface HeuristicMatch {
  pattern: string;
  score: number;
  start: number;
  end: number;
}

export type ScoredPattern = readonly [RegExp, number];

/** Appends a match for each pattern that occurs in the text (its first occurrence) to `into`. */
export function matchPatterns(
  list: readonly ScoredPattern[],
  text: string,
  into: HeuristicMatch[] = [],
): HeuristicMatch[] {
  for (const [pattern, score] of list) {
    const match = execWhereStems(pattern, text);
    if (match)
      into.push({
        pattern: pattern.source.slice(0, 40),
        score,
        start: match.index,
        end: match.index + match[0].length,
      });
  }
  return into;
}
