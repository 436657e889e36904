import type { StopCondition } from './stop-condition.js';

/** Stops when the last `times` steps produced the same observations (the run is going round in circles). */
export function noProgress(times = 3): StopCondition {
  return function progress({ observationKeys }) {
    if (observationKeys.length < times) return undefined;
    const last = observationKeys.slice(-times);
    if (last.some((key) => key !== last[0])) return undefined;
    return { reason: 'no-progress', message: `The last ${times} steps returned the same observations.` };
  };
}
