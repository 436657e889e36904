// Everything needed to continue a run in another process: saved as the checkpoint after each
// model response and when the run stops (whole at first, then as appended entries: the loop only
// appends to `messages`, `toolCallKeys` and `observationKeys`, and changes the counters that
// checkpoint-writer.ts lists; any other field is set before the first write).
import type { AgentMessage, ToolCallRecord } from './agent-message.js';
import type { BudgetLimits, BudgetUsage } from './budget.js';
import type { ProtocolName } from './protocols/tool-protocol.js';

export interface RunState {
  version: 1;
  runId: string;
  agentName: string;
  task: string;
  model: string;
  protocol: ProtocolName;
  traceId: string;
  rootSpanId: string;
  messages: AgentMessage[];
  step: number;
  usage: BudgetUsage;
  limits: BudgetLimits;
  elapsedMs: number;
  toolCallKeys: string[];
  observationKeys: string[];
  /** Consecutive steps whose output could not be used (bad format, unknown tool, invalid arguments). */
  invalidTurns: number;
  /**
   * Calls of the unfinished step already counted in `usage.toolCalls` (those that ran before an
   * approval pause or an abort): a resume replays them without counting them again.
   */
  countedCallIds?: string[];
  /** What the caller needs to rebuild the agent on resume (the CLI keeps its model and tool names here). */
  metadata?: Record<string, unknown>;
}

/** The tool calls of the last assistant message that have no results yet. */
export function pendingCalls(state: RunState): ToolCallRecord[] {
  const last = state.messages[state.messages.length - 1];
  return last?.role === 'assistant' ? last.toolCalls : [];
}

export function isRunState(value: unknown): value is RunState {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as RunState).version === 1 &&
    Array.isArray((value as RunState).messages)
  );
}
