import { GantryError } from '../../errors/index.js';
import type { EvalExample } from '../types.js';

/** The example's reference answer(s) as strings; a scorer that needs one fails clearly without it. */
export function expectedStrings(example: EvalExample, scorerName: string): string[] {
  const { expected } = example;
  if (typeof expected === 'string') return [expected];
  if (typeof expected === 'number' || typeof expected === 'boolean') return [String(expected)];
  if (Array.isArray(expected) && expected.length > 0) return expected.map((value) => String(value));
  throw new GantryError(
    'EVAL_SCORER_INPUT_INVALID',
    `Scorer '${scorerName}' needs a reference answer, but example '${example.id}' has no 'expected' value.`,
    {
      hint: "Add an 'expected' column (a string, or a list of acceptable strings) to the dataset.",
      details: { example: example.id, scorer: scorerName },
    },
  );
}
