// A verifier scores one candidate answer (higher is better). Best-of-N keeps the best-scored
// candidate; a weighted vote sums the scores of the candidates that share an answer.
import type { ReasoningContext } from './reasoning-context.js';

export interface Candidate {
  question: string;
  text: string;
  /** The normalised answer, undefined when none could be read. */
  key: string | undefined;
  index: number;
}

export type Verifier = (
  candidate: Candidate,
  all: readonly Candidate[],
  context: ReasoningContext,
) => number | Promise<number>;
