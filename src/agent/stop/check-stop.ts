// Runs the stop conditions in order; the first that answers stops the run.
import type { Budget } from '../budget.js';
import type { RunState } from '../run-state.js';
import type { StopCondition, StopSignal } from './stop-condition.js';

export function checkStop(
  conditions: readonly StopCondition[],
  state: RunState,
  budget: Budget,
): StopSignal | undefined {
  const view = {
    step: state.step,
    usage: budget.used,
    elapsedMs: budget.elapsedMs(),
    budget,
    messages: state.messages,
    toolCallKeys: state.toolCallKeys,
    observationKeys: state.observationKeys,
  };
  for (const condition of conditions) {
    const signal = condition(view);
    if (signal) return signal;
  }
  return undefined;
}
