import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';

/** 1 when the output equals one of the references (trimmed; optionally case-insensitive). */
export function exactMatch({
  ignoreCase = false,
  trim = true,
}: {
  ignoreCase?: boolean;
  trim?: boolean;
} = {}): Scorer {
  const normalise = (s: string) => {
    const t = trim ? s.trim() : s;
    return ignoreCase ? t.toLowerCase() : t;
  };
  return {
    name: 'exact',
    score(example, output) {
      const hit = expectedStrings(example, 'exact').some((e) => normalise(e) === normalise(output.output));
      return { score: hit ? 1 : 0, pass: hit };
    },
  };
}
