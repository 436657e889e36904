// Whether a span of a text lies inside a match of one of a list of global patterns (the benign idioms, the
// technical senses of violent words). Harmful intent asks this for every hazard word of a prompt: the
// matches of the whole list are found once per text and kept (the last text per list), instead of
// running every pattern over the text again for each hazard. The same answer: a span is covered when some
// match of some pattern starts at or before it and ends at or after it.
import { mayMatch } from '../normalize/word-prefilter.js';

interface Matches {
  text: string;
  /** [start, end) of every match of every pattern, pattern by pattern. */
  spans: number[];
}

const last = new WeakMap<readonly RegExp[], Matches>();

function matchesOf(patterns: readonly RegExp[], text: string): number[] {
  const kept = last.get(patterns);
  if (kept !== undefined && kept.text === text) return kept.spans;
  const spans: number[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    // A pattern none of whose leading stems starts a word of the text cannot match (word-prefilter.ts).
    if (!mayMatch(pattern, text)) continue;
    for (const match of text.matchAll(pattern)) spans.push(match.index, match.index + match[0].length);
  }
  last.set(patterns, { text, spans });
  return spans;
}

/** Whether [start, end) lies inside a match of one of `patterns` (each global) in `text`. */
export function coveredByMatch(
  patterns: readonly RegExp[],
  text: string,
  start: number,
  end: number,
): boolean {
  const spans = matchesOf(patterns, text);
  for (let k = 0; k < spans.length; k += 2) if (spans[k] <= start && spans[k + 1] >= end) return true;
  return false;
}
