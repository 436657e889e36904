import type { AgentMessage } from './agent-message.js';
import type { BudgetUsage } from './budget.js';
import type { ProtocolName } from './protocols/tool-protocol.js';
import type { StopReason } from './stop/stop-condition.js';

export interface PendingApproval {
  approvalId: string;
  callId: string;
  toolName: string;
  input: unknown;
}

export interface AgentResult {
  runId: string;
  traceId: string;
  /** The answer (empty when the run stopped without one, e.g. awaiting approval). */
  text: string;
  stopReason: StopReason;
  stopMessage: string;
  /** True when a limit stopped the run and the model answered in one last turn without tools. */
  forcedFinalAnswer: boolean;
  steps: number;
  usage: BudgetUsage;
  protocol: ProtocolName;
  messages: AgentMessage[];
  pendingApprovals: PendingApproval[];
}
