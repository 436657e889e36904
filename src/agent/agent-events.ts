// The typed events of a run, in the order they happen; `agent.stream()` yields them.
import type { AgentResult } from './agent-result.js';
import type { ProtocolName } from './protocols/tool-protocol.js';

export type ToolErrorKind =
  | 'unknown-tool'
  | 'invalid-input'
  | 'execution'
  | 'timeout'
  | 'rejected'
  | 'budget';

export type AgentEvent =
  | {
      type: 'run-start';
      runId: string;
      traceId: string;
      task: string;
      resumed: boolean;
      protocol: ProtocolName;
    }
  | { type: 'step-start'; step: number }
  | { type: 'text-delta'; step: number; delta: string }
  | { type: 'tool-call'; step: number; callId: string; name: string; input: unknown }
  | { type: 'tool-result'; step: number; callId: string; name: string; output: unknown; replayed: boolean }
  | { type: 'tool-error'; step: number; callId: string; name: string; kind: ToolErrorKind; message: string }
  | {
      type: 'approval-requested';
      step: number;
      approvalId: string;
      callId: string;
      name: string;
      input: unknown;
    }
  | { type: 'protocol-fallback'; step: number; from: ProtocolName; to: ProtocolName; message: string }
  | {
      type: 'step-end';
      step: number;
      text: string;
      finishReason: string;
      inputTokens: number;
      outputTokens: number;
      costUsd: number;
    }
  | { type: 'run-end'; result: AgentResult };
