import type { StopCondition } from './stop-condition.js';

/** Stops when the run's estimated cost reaches `maximumUsd` dollars. */
export function costIs(maximumUsd: number): StopCondition {
  return function cost({ usage }) {
    if (usage.costUsd < maximumUsd) return undefined;
    return {
      reason: 'cost-limit',
      message: `The run cost $${usage.costUsd.toFixed(4)} (limit $${maximumUsd}).`,
    };
  };
}
