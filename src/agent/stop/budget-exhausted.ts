import type { BudgetKind } from '../budget.js';
import type { StopCondition, StopReason } from './stop-condition.js';

const reasons: Record<BudgetKind, StopReason> = {
  steps: 'step-limit',
  inputTokens: 'token-limit',
  outputTokens: 'token-limit',
  totalTokens: 'token-limit',
  costUsd: 'cost-limit',
  durationMs: 'time-limit',
  toolCalls: 'tool-call-limit',
};

/** Stops when the run's budget, or an enclosing agent's budget, is spent. */
export function budgetExhausted(): StopCondition {
  return function budgetLimit({ budget }) {
    const exhausted = budget.exhausted();
    if (!exhausted) return undefined;
    const whose = exhausted.owner === 'parent' ? "the parent agent's" : 'its';
    return {
      reason: reasons[exhausted.kind],
      message: `The run reached ${whose} ${exhausted.kind} budget (${round(exhausted.used)} of ${exhausted.limit}).`,
    };
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
