// The router's score inside a cascade: very hard requests skip the cheap tier (saving its call), and
// very easy ones keep the cheap answer even when a check failed. Between the two, the checks decide.
import type { CascadeVerdict } from './cascade-verdict.js';

export interface CascadePolicy {
  /** Router scores at or above this go straight to the strong tier. */
  directAbove?: number;
  /** Router scores below this keep the cheap answer even when a check failed. */
  acceptBelow?: number;
}

export interface CascadeStep {
  escalate: boolean;
  reason: string;
}

/** Before the cheap call: go straight to the strong tier? */
export function skipsCheapTier(
  score: number | undefined,
  { directAbove }: CascadePolicy,
): CascadeStep | undefined {
  if (score === undefined || directAbove === undefined || score < directAbove) return undefined;
  return { escalate: true, reason: `direct score ${score.toFixed(3)}>=${directAbove.toFixed(3)}` };
}

/** After the cheap call: serve the cheap answer or escalate. */
export function settleCascade(
  verdict: CascadeVerdict,
  score: number | undefined,
  { acceptBelow }: CascadePolicy,
): CascadeStep {
  if (verdict.accept) return { escalate: false, reason: verdict.reason };
  if (score !== undefined && acceptBelow !== undefined && score < acceptBelow)
    return {
      escalate: false,
      reason: `${verdict.reason}; easy score ${score.toFixed(3)}<${acceptBelow.toFixed(3)}`,
    };
  return { escalate: true, reason: verdict.reason };
}
