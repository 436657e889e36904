// A team in code: its members (agents with a model, tools and a sub-budget), the pattern that
// decides who works when, and the one budget all of them share.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { z } from 'zod';
import type { BudgetLimits, ProtocolChoice } from '../agent/index.js';
import type { Store } from '../store/index.js';
import type { AnyTool } from '../tool/index.js';
import type { Tracer } from '../trace/index.js';
import type { HistoryFilter, TeamTurn } from './transcript.js';

export interface TeamMember {
  /** Also the tool name other members call it by: letters, digits, _ and -. */
  name: string;
  model: LanguageModelV3;
  /** 'provider:model' for prices; default: the model's provider and id. */
  modelName?: string;
  /** What the member is for: shown to a supervisor or a speaker selector. */
  description?: string;
  instructions?: string;
  tools?: readonly AnyTool[];
  /** A sub-budget carved from its caller's budget, per run of this member. */
  budget?: BudgetLimits;
  /** Model calls per run of this member (default 20); the team budget still caps them all. */
  maxSteps?: number;
  /** Supervisor: the members it may delegate to (each becomes a tool taking a `task`). */
  workers?: readonly string[];
  /** Supervisor: what a delegation returns: the answer (default) or the worker's whole turn. */
  returns?: 'summary' | 'transcript';
  /** Supervisor: the worker answers JSON matching this schema, returned as a typed object. */
  result?: z.ZodType;
  /** Handoff: the members it may hand control to (the allowlist). */
  handoffs?: readonly string[];
  /** Handoff: what of the shared history it is shown when control reaches it (default: the team's). */
  history?: HistoryFilter;
  /** Debate: a role such as proponent or critic, added to its instructions. */
  role?: string;
  protocol?: ProtocolChoice;
  maxOutputTokens?: number;
  repeatedCallLimit?: number;
  noProgressLimit?: number;
  maximumRepairs?: number;
}

export interface SupervisorPattern {
  type: 'supervisor';
  /** The member at the top; its workers may have workers of their own, to any depth. */
  root: string;
  /** Delegation levels allowed below the root (default 8). */
  maxDepth?: number;
}

export interface HandoffPattern {
  type: 'handoff';
  /** The member that gets the task first. */
  entry: string;
  /** What of the shared history the member taking over sees (default 'full'). */
  history?: HistoryFilter;
  /** Hops allowed before the team stops with `max-rounds` (default 10). */
  maxHandoffs?: number;
}

export interface DebatePattern {
  type: 'debate';
  debaters: readonly string[];
  /** Rounds at most (each debater speaks once a round). */
  rounds: number;
  /** Reads the final answer each debater's argument commits to (default: the text after the last `Answer:`). */
  answerOf?: (text: string) => string;
  /** A member that picks or synthesises the final answer when the debaters do not converge. */
  judge?: string;
}

export interface SpeakerContext {
  members: readonly string[];
  turns: readonly TeamTurn[];
  turn: number;
  lastSpeaker?: string;
}

export type SpeakerFunction = (context: SpeakerContext) => string;

export interface GroupPattern {
  type: 'group';
  members: readonly string[];
  /** Who speaks next: in turn (default), chosen by a selector member's model, or by a function. */
  speaker?: 'round-robin' | { selector: string } | SpeakerFunction;
  /** Posts at most before the team stops with `max-rounds`. */
  maxTurns: number;
  /** A post containing this marker ends the work with `done` (default 'DONE'). */
  doneMarker?: string;
  /** The same post by the same member this many times: `no-progress` (default 2). */
  repeatLimit?: number;
  /** Invalid selector choices in a row after which the selector is no longer asked (default 3). */
  selectorFailures?: number;
}

export type TeamPattern = SupervisorPattern | HandoffPattern | DebatePattern | GroupPattern;

export interface TeamOptions {
  name?: string;
  members: readonly TeamMember[];
  pattern: TeamPattern;
  /** The one budget of the whole team: every member's spend is charged to it. */
  budget?: BudgetLimits;
  /** Persists member runs, approvals and the team's checkpoint: needed for resume() and approvals. */
  store?: Store;
  tracer?: Tracer;
  /** A worker that repeats itself: stop the team with `no-progress` (default) or tell its supervisor. */
  onWorkerStall?: 'stop' | 'report';
}
