export { type Agent, type AgentOptions, createAgent, newRunId, type RunOptions } from './agent.js';
export type { AgentEvent, ToolErrorKind } from './agent-events.js';
export type { AgentMessage, ToolCallRecord, ToolResultRecord } from './agent-message.js';
export type { AgentResult, PendingApproval } from './agent-result.js';
export { type AgentStream, toAgentStream } from './agent-stream.js';
export { ApprovalPending } from './approval-pending.js';
export {
  Budget,
  type BudgetExhaustion,
  type BudgetKind,
  type BudgetLimits,
  type BudgetUsage,
} from './budget.js';
export {
  builtInToolNames,
  type ConfiguredAgent,
  type ConfiguredAgentOptions,
  createConfiguredAgent,
} from './configured-agent.js';
export { approveToolCall, rejectToolCall } from './decide-approval.js';
export { defaultMaximumSteps, defaultStopConditions } from './default-stop-conditions.js';
export { canonicalJson, hashArguments } from './hash-arguments.js';
export {
  type CallFormat,
  inferFormat,
  looksLikeCall,
  type ParsedToolCall,
  type ParseError,
  type ParseErrorKind,
  type ParseToolCallsOptions,
  parseArguments,
  parseToolCalls,
  type Repair,
  type RepairKind,
  type ToolCallParse,
  type ToolShape,
} from './parse/index.js';
export {
  fallbackProtocol,
  initialProtocol,
  type ProtocolChoice,
  protocols,
} from './protocols/choose-protocol.js';
export type { ModelTurn, ParsedTurn, ProtocolName, ToolProtocol } from './protocols/tool-protocol.js';
export type { RunState } from './run-state.js';
export { budgetExhausted } from './stop/budget-exhausted.js';
export { costIs } from './stop/cost-is.js';
export { durationIs } from './stop/duration-is.js';
export { noProgress } from './stop/no-progress.js';
export { repeatedToolCall } from './stop/repeated-tool-call.js';
export { stepCountIs } from './stop/step-count-is.js';
export type { StopCondition, StopReason, StopSignal, StopState } from './stop/stop-condition.js';
export { tokenCountIs } from './stop/token-count-is.js';
export { toolCallCountIs } from './stop/tool-call-count-is.js';
