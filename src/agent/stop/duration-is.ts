import type { StopCondition } from './stop-condition.js';

/** Stops when the run has been going for `maximumMs` milliseconds (time before a resume included). */
export function durationIs(maximumMs: number): StopCondition {
  return function duration({ elapsedMs }) {
    if (elapsedMs < maximumMs) return undefined;
    return {
      reason: 'time-limit',
      message: `The run took ${Math.round(elapsedMs)} ms (limit ${maximumMs} ms).`,
    };
  };
}
