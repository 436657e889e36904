// A stop condition is a predicate over the run's state; the first one that answers stops the run,
// and its reason becomes the result's typed stopReason.
import type { AgentMessage } from '../agent-message.js';
import type { Budget, BudgetUsage } from '../budget.js';

export type StopReason =
  | 'final-answer'
  | 'step-limit'
  | 'token-limit'
  | 'cost-limit'
  | 'time-limit'
  | 'tool-call-limit'
  | 'repeated-tool-call'
  | 'no-progress'
  | 'invalid-output'
  | 'awaiting-approval'
  | 'aborted'
  | 'custom';

export interface StopSignal {
  reason: StopReason;
  /** For people and for the model's last turn: which limit, and how far it went. */
  message: string;
}

export interface StopState {
  /** Model calls made so far. */
  step: number;
  /** What this run itself spent (nested runs included). */
  usage: BudgetUsage;
  elapsedMs: number;
  budget: Budget;
  messages: readonly AgentMessage[];
  /** `name:argumentsHash` of every executed tool call, in order. */
  toolCallKeys: readonly string[];
  /** A hash of each step's observations, in order. */
  observationKeys: readonly string[];
}

export type StopCondition = (state: StopState) => StopSignal | undefined;
