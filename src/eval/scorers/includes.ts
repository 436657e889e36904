import type { Scorer } from '../types.js';
import { expectedStrings } from './expected-strings.js';

/** 1 when the output contains every reference string (or, with `any`, at least one). */
export function includes({
  ignoreCase = false,
  any = false,
}: {
  ignoreCase?: boolean;
  any?: boolean;
} = {}): Scorer {
  return {
    name: 'includes',
    score(example, output) {
      const haystack = ignoreCase ? output.output.toLowerCase() : output.output;
      const needles = expectedStrings(example, 'includes').map((e) => (ignoreCase ? e.toLowerCase() : e));
      const found = needles.filter((n) => haystack.includes(n));
      const hit = any ? found.length > 0 : found.length === needles.length;
      return {
        score: hit ? 1 : 0,
        pass: hit,
        reason: hit ? undefined : `missing: ${needles.filter((n) => !found.includes(n)).join(', ')}`,
      };
    },
  };
}
