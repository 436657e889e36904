import type { StopCondition } from './stop-condition.js';

/** Stops after `maximum` model calls. */
export function stepCountIs(maximum: number): StopCondition {
  return function stepCount(state) {
    if (state.step < maximum) return undefined;
    return { reason: 'step-limit', message: `The run reached its limit of ${maximum} steps.` };
  };
}
