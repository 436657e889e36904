// What a tool's execute function receives besides its input.
import type { Span, Tracer } from '../trace/index.js';

/** The part of a run's budget a tool can see, and the handle nested agents draw from. */
export interface ToolBudget {
  /** Usage so far and limits, own and inherited. */
  snapshot(): { used: Record<string, number>; limits: Record<string, number | undefined> };
}

export interface CallerIdentity {
  /** Who started the run (a user id, an API key id); tools use it for permission checks. */
  id: string;
  tenant?: string;
  roles?: string[];
}

export interface ToolContext {
  toolCallId: string;
  runId: string;
  signal: AbortSignal;
  tracer: Tracer;
  /** The tool call's span: child spans (a nested agent's run) attach here. */
  span: Span;
  budget: ToolBudget;
  caller?: CallerIdentity;
}
