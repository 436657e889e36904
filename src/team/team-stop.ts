// Why a team run ended. Every pattern ends with one of these; the limits of the member runs
// (steps, tokens, cost, time, tool calls) all become `budget`.
import type { StopReason } from '../agent/index.js';

export type TeamStopReason =
  /** The team's budget (or a limit on the way to it) is spent, or the next call would overspend it. */
  | 'budget'
  /** Control came back to an agent with nothing new since it last had it, or an agent delegated to itself or an ancestor. */
  | 'handoff-cycle'
  /** An agent repeated itself (same tool call, same observations, same post) or kept answering unusably. */
  | 'no-progress'
  /** The pattern's own cap: debate rounds, group turns or handoff hops. */
  | 'max-rounds'
  /** The debaters agreed before the last round. */
  | 'converged'
  /** The team produced its answer. */
  | 'done'
  /** A tool call in some member waits for a person; answer it and resume the team run. */
  | 'awaiting-approval'
  /** The caller aborted the run; it can be resumed. */
  | 'aborted';

export interface TeamStop {
  reason: TeamStopReason;
  message: string;
  /** The member whose run or choice ended the team, when there is one. */
  agent?: string;
}

const budgetReasons: ReadonlySet<StopReason> = new Set([
  'step-limit',
  'token-limit',
  'cost-limit',
  'time-limit',
  'tool-call-limit',
]);

/** The team-level reason for a member run that ended with `reason`. */
export function teamReasonFor(reason: StopReason): TeamStopReason {
  if (reason === 'final-answer') return 'done';
  if (budgetReasons.has(reason)) return 'budget';
  if (reason === 'awaiting-approval') return 'awaiting-approval';
  if (reason === 'aborted') return 'aborted';
  return 'no-progress';
}

export function isBudgetReason(reason: StopReason): boolean {
  return budgetReasons.has(reason);
}
