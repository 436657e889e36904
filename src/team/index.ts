export { createTeam, type Team, type TeamRunOptions } from './create-team.js';
export { gateModel, TeamHalted } from './gated-model.js';
export { defaultAnswerOf } from './patterns/debate.js';
export { matchMember } from './patterns/group.js';
export {
  type Admission,
  type AgentUsage,
  estimateInputTokens,
  type Overrun,
  TeamBudget,
  type TeamUsage,
} from './team-budget.js';
export type {
  DebatePattern,
  GroupPattern,
  HandoffPattern,
  SpeakerContext,
  SpeakerFunction,
  SupervisorPattern,
  TeamMember,
  TeamOptions,
  TeamPattern,
} from './team-definition.js';
export type { TeamEvent } from './team-events.js';
export {
  parseTeamFile,
  readTeamFile,
  type TeamFile,
  type TeamFromFileOptions,
  teamFileSchema,
  teamFromFile,
} from './team-file.js';
export type { TeamApproval, TeamResult } from './team-result.js';
export type { TeamStop, TeamStopReason } from './team-stop.js';
export type { TeamStream } from './team-stream.js';
export { type HistoryFilter, renderHistory, type TeamToolItem, type TeamTurn } from './transcript.js';
export { validateTeam } from './validate-team.js';
