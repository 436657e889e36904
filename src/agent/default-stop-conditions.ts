// The stop conditions every agent has unless told otherwise: a step cap, the budget (own and
// inherited), identical repeated calls and repeated observations.
import { budgetExhausted } from './stop/budget-exhausted.js';
import { noProgress } from './stop/no-progress.js';
import { repeatedToolCall } from './stop/repeated-tool-call.js';
import type { StopCondition } from './stop/stop-condition.js';

export const defaultMaximumSteps = 20;

export function defaultStopConditions({ repeatedCallLimit = 3, noProgressLimit = 3 } = {}): StopCondition[] {
  const conditions = [budgetExhausted()];
  if (repeatedCallLimit > 0) conditions.push(repeatedToolCall(repeatedCallLimit));
  if (noProgressLimit > 0) conditions.push(noProgress(noProgressLimit));
  return conditions;
}
