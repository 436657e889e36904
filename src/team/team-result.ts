import type { BudgetLimits } from '../agent/index.js';
import type { AgentUsage, Overrun, TeamUsage } from './team-budget.js';
import type { TeamStopReason } from './team-stop.js';
import type { TeamTurn } from './transcript.js';

export interface TeamApproval {
  approvalId: string;
  callId: string;
  toolName: string;
  input: unknown;
  /** The member whose tool call waits (when the store can tell). */
  agent?: string;
  runId?: string;
}

export interface TeamResult {
  teamRunId: string;
  pattern: string;
  /** The team's answer (empty when it stopped without one). */
  text: string;
  stopReason: TeamStopReason;
  stopMessage: string;
  /** The member whose run or choice ended the team, when there is one. */
  stoppedBy?: string;
  /** Spent by the whole team. */
  usage: TeamUsage;
  limits: BudgetLimits;
  /** How far past each team limit the run went (zero everywhere unless a backend ignored maxOutputTokens). */
  overrun: Overrun;
  /** Spent by each member itself (its workers' spend is theirs). */
  agents: Record<string, AgentUsage>;
  /** The shared transcript: one entry per member turn at the top level of the pattern. */
  turns: TeamTurn[];
  handoffs: { from: string; to: string; note?: string }[];
  /** Debate rounds played, or group turns taken. */
  rounds: number;
  pendingApprovals: TeamApproval[];
}
