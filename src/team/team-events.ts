// The typed events of a team run, in order; `team.stream()` yields them.
import type { AgentEvent, BudgetLimits, BudgetUsage, StopReason } from '../agent/index.js';
import type { TeamUsage } from './team-budget.js';
import type { TeamResult } from './team-result.js';

export type TeamEvent =
  | { type: 'team-start'; teamRunId: string; pattern: string; task: string; resumed: boolean }
  /** A member starts (or resumes) a run: it is the one speaking now. */
  | { type: 'agent-start'; agent: string; runId: string; depth: number; resumed: boolean }
  /** One event of a member's run (only when streaming). */
  | { type: 'agent-event'; agent: string; runId: string; event: AgentEvent }
  | {
      type: 'agent-end';
      agent: string;
      runId: string;
      stopReason: StopReason;
      text: string;
      usage: BudgetUsage;
    }
  | { type: 'delegation'; from: string; to: string; task: string }
  | { type: 'handoff'; from: string; to: string; note?: string }
  | { type: 'round'; round: number }
  | {
      type: 'speaker';
      agent: string;
      chosenBy: 'round-robin' | 'selector' | 'function' | 'fallback';
      /** What the selector answered when it was not a member. */
      rejected?: string;
    }
  /** The team's spend after each member run. */
  | { type: 'budget'; used: TeamUsage; limits: BudgetLimits }
  | { type: 'team-end'; result: TeamResult };
