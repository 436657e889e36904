// What every reasoning strategy returns: the answer, every model call it made (with its role and
// purpose), what it spent, and a typed reason for stopping.
import type { BudgetUsage } from '../agent/index.js';

export type ReasoningStopReason =
  /** The strategy finished normally with an answer. */
  | 'final-answer'
  /** Sampling stopped early because the remaining samples could not change the vote. */
  | 'vote-decided'
  /** A verifier, checker or evaluator accepted the answer before the iteration limit. */
  | 'accepted'
  /** The strategy used all the iterations, samples or nodes it was allowed. */
  | 'iteration-limit'
  /** A tree search ran out of states to expand without a solution. */
  | 'search-exhausted'
  | 'step-limit'
  | 'token-limit'
  | 'cost-limit'
  | 'time-limit'
  | 'aborted';

export type CallRole =
  | 'sampler'
  | 'verifier'
  | 'planner'
  | 'executor'
  | 'solver'
  | 'replanner'
  | 'actor'
  | 'evaluator'
  | 'reflector'
  | 'critic'
  | 'reviser'
  | 'proposer'
  | 'valuer'
  | 'drafter'
  | 'questioner'
  | 'answerer'
  | 'rationaliser'
  | 'selector'
  | 'describer'
  | 'explainer'
  | 'tool';

export interface ReasoningCall {
  /** 0-based position among the strategy's model calls and tool runs. */
  index: number;
  role: CallRole;
  /** Why the call was made, for people reading the trace ("sample 3 of 8", "verify #E2"). */
  purpose: string;
  prompt: string;
  output: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface ReasoningResult<Answer = string> {
  /** The strategy's answer; undefined when a limit stopped it before any answer existed. */
  answer: Answer | undefined;
  stopReason: ReasoningStopReason;
  stopMessage: string;
  trace: ReasoningCall[];
  usage: BudgetUsage;
}
