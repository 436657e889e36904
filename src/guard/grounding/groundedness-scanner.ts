// Groundedness as a policy scanner (synchronous, lexical): reads the sources from the scan context
// (`checkText(answer, { direction: 'output', sources })`) and reports each unsupported claim as a
// finding with its span. Without sources it finds nothing: there is nothing to check against.
import { resultOf, type Scanner } from '../types.js';
import { checkGroundednessLexical, type GroundednessOptions } from './check-groundedness.js';

export function groundednessScanner(options: GroundednessOptions = {}): Scanner {
  return (text, context) => {
    const sources = context?.sources;
    if (!sources?.length) return resultOf([]);
    const { unsupported } = checkGroundednessLexical(text, sources, options);
    return resultOf(
      unsupported.map((claim) => ({
        scanner: 'groundedness',
        type: 'unsupported-claim',
        start: claim.start,
        end: claim.end,
        score: claim.score,
        value: claim.text,
      })),
    );
  };
}
