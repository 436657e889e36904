// What the loop needs: the agent's fixed settings, and one run's state and inputs.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { AgentToolCallRecord, Store } from '../store/index.js';
import type { CallerIdentity, ToolRegistry } from '../tool/index.js';
import type { Span, Tracer } from '../trace/index.js';
import type { Budget } from './budget.js';
import type { ProtocolChoice } from './protocols/choose-protocol.js';
import type { RunState } from './run-state.js';
import type { StopCondition } from './stop/stop-condition.js';

export interface LoopSettings {
  name: string;
  model: LanguageModelV3;
  modelName: string;
  protocolChoice: ProtocolChoice;
  instructions?: string;
  tools: ToolRegistry;
  stopConditions: readonly StopCondition[];
  finalAnswerOnStop: boolean;
  maximumRepairs: number;
  store?: Pick<Store, 'agentRuns' | 'agentToolCalls' | 'agentApprovals'>;
  tracer: Tracer;
  toolTimeoutMs: number;
  /** How many tool calls of one step run at once. */
  toolConcurrency: number;
  /** Repaired calls need approval before they run. */
  confirmRepairedCalls: boolean;
  /** Retries of a model call that failed transiently (429, 5xx). */
  modelRetries: number;
  /** Delay before the first retry; doubled for each next one. */
  modelRetryDelayMs: number;
  maximumObservationCharacters: number;
  caller?: CallerIdentity;
  maxOutputTokens?: number;
  temperature?: number;
}

export interface LoopInput {
  state: RunState;
  budget: Budget;
  signal?: AbortSignal;
  stream: boolean;
  parentSpan?: Pick<Span, 'traceId' | 'spanId'>;
  resumed: boolean;
  completed: Map<string, AgentToolCallRecord>;
}
