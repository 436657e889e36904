// What a pattern hands back to the team: its answer, why it stopped, and its record.
import type { AgentResult, PendingApproval } from '../../agent/index.js';
import { type TeamStop, teamReasonFor } from '../team-stop.js';
import type { TeamTurn } from '../transcript.js';

export interface PatternOutcome {
  text: string;
  stop: TeamStop;
  turns: TeamTurn[];
  handoffs: { from: string; to: string; note?: string }[];
  rounds: number;
  pendingApprovals: PendingApproval[];
}

/** The team stop for a member run that ended the pattern. */
export function stopFromResult(agent: string, result: AgentResult): TeamStop {
  const reason = teamReasonFor(result.stopReason);
  return {
    reason,
    message: reason === 'done' ? `${agent} gave the team's answer.` : result.stopMessage,
    agent,
  };
}
