import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';

/** 1 when the output matches the pattern. */
export function regexMatch({ pattern, flags = '' }: { pattern: string; flags?: string }): Scorer {
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, flags);
  } catch (error) {
    throw new GantryError(
      'EVAL_FILE_INVALID',
      `The regex scorer's pattern /${pattern}/${flags} does not compile.`,
      {
        hint: 'Fix the pattern (JavaScript RegExp syntax).',
        cause: error,
      },
    );
  }
  return {
    name: 'regex',
    score(_example, output) {
      const hit = compiled.test(output.output);
      compiled.lastIndex = 0;
      return { score: hit ? 1 : 0, pass: hit };
    },
  };
}
