// createAgent: a model, tools, limits and a protocol; run(), stream(), resume(), and asTool() to
// nest it inside another agent with a share of that agent's budget.
import { randomBytes } from 'node:crypto';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { z } from 'zod';
import { GantryError } from '../errors/index.js';
import type { Memory } from '../memory/index.js';
import { type AgentToolCallRecord, defaultTenant, type Store } from '../store/index.js';
import {
  type AnyTool,
  type CallerIdentity,
  createToolRegistry,
  type Tool,
  type ToolRegistry,
} from '../tool/index.js';
import { noopTracer, type Span, type Tracer } from '../trace/index.js';
import type { AgentEvent } from './agent-events.js';
import {
  type AgentMemoryOptions,
  type MemoryRunMetadata,
  memoryScopeOf,
  memoryToolRegistry,
  prepareMemoryRun,
  recordMemoryRun,
  toAgentMemoryOptions,
} from './agent-memory.js';
import type { AgentResult } from './agent-result.js';
import { type AgentStream, drain, toAgentStream } from './agent-stream.js';
import { ApprovalPending } from './approval-pending.js';
import { Budget, type BudgetLimits } from './budget.js';
import { defaultMaximumSteps, defaultStopConditions } from './default-stop-conditions.js';
import { initialProtocol, type ProtocolChoice } from './protocols/choose-protocol.js';
import { type LoopSettings, runLoop } from './run-loop.js';
import { isRunState, type RunState } from './run-state.js';
import type { StopCondition } from './stop/stop-condition.js';

export interface AgentOptions {
  name?: string;
  model: LanguageModelV3;
  /** 'provider:model' for prices and traces; default: the model's provider and id. */
  modelName?: string;
  instructions?: string;
  tools?: readonly AnyTool[] | ToolRegistry;
  /** 'auto' uses native tool calls and falls back to json, then react, when the backend lacks them. */
  protocol?: ProtocolChoice;
  /** Budget of each run; steps default to 20. */
  limits?: BudgetLimits;
  /** Extra stop conditions, checked after the defaults. */
  stopWhen?: readonly StopCondition[];
  /** Same tool, same arguments, this many times: stop (0 turns the check off). Default 3. */
  repeatedCallLimit?: number;
  /** The same observations this many steps in a row: stop (0 turns the check off). Default 3. */
  noProgressLimit?: number;
  /** When a limit stops the run, give the model one more turn without tools to answer. Default true. */
  finalAnswerOnStop?: boolean;
  /** Unusable replies in a row (bad format, unknown tool, invalid arguments) before the run stops. Default 3. */
  maximumRepairs?: number;
  /**
   * Persists runs, checkpoints, tool calls and approvals; needed for resume() and approvals. With
   * `agentTenants`, each run is recorded under its tenant (see RunOptions.tenant).
   */
  store?: Pick<Store, 'agentRuns' | 'agentToolCalls' | 'agentApprovals'> &
    Partial<Pick<Store, 'agentTenants'>>;
  tracer?: Tracer;
  toolTimeoutMs?: number;
  /** How many tool calls of one step run at once (default 1: one after another, in order). */
  toolConcurrency?: number;
  /**
   * Calls the parser had to repair to read (a missing closing tag, single quotes, a normalised tool
   * name...) wait for approval like a tool with `needsApproval`. Default false. Needs a store.
   */
  confirmRepairedCalls?: boolean;
  /** Retries of a model call that failed transiently (429, 5xx), with exponential backoff. Default 2. */
  modelRetries?: number;
  /** Delay before the first retry in milliseconds; doubled each time. Default 500. */
  modelRetryDelayMs?: number;
  /** A tool result longer than this (as text or JSON) is cut before the model sees it. Default 50,000. */
  maximumObservationCharacters?: number;
  maxOutputTokens?: number;
  temperature?: number;
  /** Long-term memory: a Memory (scoped to each run's caller) or options with a budget and scope. */
  memory?: Memory | AgentMemoryOptions;
}

export interface RunOptions {
  /** The conversation this run belongs to: memory keeps its turns under this session (default: the run id). */
  session?: string;
  signal?: AbortSignal;
  caller?: CallerIdentity;
  /** The budget of an enclosing run: this run draws from it. */
  parentBudget?: Budget;
  parentSpan?: Pick<Span, 'traceId' | 'spanId'>;
  parentRunId?: string;
  runId?: string;
  /** Stored with the run's checkpoint (for example what is needed to rebuild the agent on resume). */
  metadata?: Record<string, unknown>;
  /**
   * The tenant that owns the run (its approvals are that tenant's over the server's API). Default:
   * the parent run's tenant for a sub-run, else `caller.tenant`; none: the default tenant.
   */
  tenant?: string;
}

export interface Agent {
  readonly name: string;
  readonly tools: ToolRegistry;
  run(task: string, options?: RunOptions): Promise<AgentResult>;
  stream(task: string, options?: RunOptions): AgentStream;
  /** Continues a stored run (after a crash or an approval) without repeating completed tool calls. */
  resume(runId: string, options?: RunOptions): Promise<AgentResult>;
  streamResume(runId: string, options?: RunOptions): AgentStream;
  /** This agent as a tool of another agent; its runs draw from the caller's budget. */
  asTool(options?: {
    name?: string;
    description?: string;
    limits?: BudgetLimits;
  }): Tool<{ task: string }, string>;
}

export function createAgent(options: AgentOptions): Agent {
  const name = options.name ?? 'agent';
  const tools =
    Array.isArray(options.tools) || options.tools === undefined
      ? createToolRegistry((options.tools as AnyTool[] | undefined) ?? [])
      : (options.tools as ToolRegistry);
  const limits: BudgetLimits = { steps: defaultMaximumSteps, ...options.limits };
  const memoryOptions = options.memory ? toAgentMemoryOptions(options.memory) : undefined;
  const settings: LoopSettings = {
    name,
    model: options.model,
    modelName: options.modelName ?? `${options.model.provider.split('.')[0]}:${options.model.modelId}`,
    protocolChoice: options.protocol ?? 'auto',
    instructions: options.instructions,
    tools,
    stopConditions: [
      ...defaultStopConditions({
        repeatedCallLimit: options.repeatedCallLimit,
        noProgressLimit: options.noProgressLimit,
      }),
      ...(options.stopWhen ?? []),
    ],
    finalAnswerOnStop: options.finalAnswerOnStop ?? true,
    maximumRepairs: options.maximumRepairs ?? 3,
    store: options.store,
    tracer: options.tracer ?? noopTracer,
    toolTimeoutMs: options.toolTimeoutMs ?? 60_000,
    toolConcurrency: Math.max(1, options.toolConcurrency ?? 1),
    confirmRepairedCalls: options.confirmRepairedCalls ?? false,
    modelRetries: options.modelRetries ?? 2,
    modelRetryDelayMs: options.modelRetryDelayMs ?? 500,
    maximumObservationCharacters: options.maximumObservationCharacters ?? 50_000,
    maxOutputTokens: options.maxOutputTokens,
    temperature: options.temperature,
  };

  function start(
    task: string,
    runOptions: RunOptions = {},
    stream = false,
  ): AsyncGenerator<AgentEvent, AgentResult> {
    const state: RunState = {
      version: 1,
      runId: runOptions.runId ?? newRunId(),
      agentName: name,
      task,
      model: settings.modelName,
      protocol: initialProtocol(settings.protocolChoice),
      traceId: '',
      rootSpanId: '',
      messages: [{ role: 'user', text: task }],
      step: 0,
      usage: { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, toolCalls: 0 },
      limits,
      elapsedMs: 0,
      toolCallKeys: [],
      observationKeys: [],
      invalidTurns: 0,
      ...(runOptions.metadata ? { metadata: runOptions.metadata } : {}),
    };
    const budget = runOptions.parentBudget ? runOptions.parentBudget.child(limits) : new Budget(limits);
    return (async function* () {
      let runSettings = settings;
      let memoryRun: MemoryRunMetadata | undefined;
      if (memoryOptions) {
        const scope = memoryScopeOf(memoryOptions, runOptions.caller);
        const prepared = await prepareMemoryRun(memoryOptions, {
          task,
          instructions: settings.instructions,
          scope,
          session: runOptions.session ?? state.runId,
          modelName: settings.modelName,
          tracer: settings.tracer,
        });
        memoryRun = prepared.metadata;
        state.messages = prepared.messages;
        state.metadata = { ...state.metadata, memory: prepared.metadata };
        runSettings = {
          ...settings,
          instructions: prepared.instructions,
          tools: memoryToolRegistry(memoryOptions, tools, scope),
        };
      }
      await recordTenant(options.store, state.runId, runOptions);
      await options.store?.agentRuns.createRun({
        id: state.runId,
        agentName: name,
        task,
        model: settings.modelName,
        parentRunId: runOptions.parentRunId ?? null,
      });
      const result = yield* runLoop(
        { ...runSettings, caller: runOptions.caller },
        {
          state,
          budget,
          signal: runOptions.signal,
          stream,
          parentSpan: runOptions.parentSpan,
          resumed: false,
          completed: new Map(),
        },
      );
      if (memoryOptions && memoryRun && result.stopReason !== 'awaiting-approval')
        await recordMemoryRun(memoryOptions, memoryRun, task, result);
      return result;
    })();
  }

  function resumeRun(
    runId: string,
    runOptions: RunOptions = {},
    stream = false,
  ): AsyncGenerator<AgentEvent, AgentResult> {
    return (async function* () {
      const store = options.store;
      if (!store) {
        throw new GantryError('AGENT_STORE_REQUIRED', `Cannot resume run ${runId}: the agent has no store.`, {
          hint: 'Create the agent with the same store the run was saved in.',
        });
      }
      const run = await store.agentRuns.getRun(runId);
      if (!run) {
        throw new GantryError('NOT_FOUND', `There is no agent run with id ${runId}.`, {
          hint: 'List runs with `gantry runs`.',
          details: { runId },
        });
      }
      const state = await store.agentRuns.getCheckpoint(runId);
      if (run.status === 'completed' || !isRunState(state)) {
        throw new GantryError(
          'AGENT_RUN_NOT_RESUMABLE',
          run.status === 'completed'
            ? `Run ${runId} already finished (${run.stopReason}).`
            : `Run ${runId} has no checkpoint to resume from.`,
          { hint: 'Start a new run with the same task instead.', details: { runId, status: run.status } },
        );
      }
      const completed = new Map<string, AgentToolCallRecord>();
      for (const record of await store.agentToolCalls.listToolCalls(runId))
        completed.set(record.callId, record);
      const budget = runOptions.parentBudget
        ? runOptions.parentBudget.child(state.limits, state.elapsedMs)
        : new Budget(state.limits, undefined, state.elapsedMs);
      Object.assign(budget.used, state.usage);
      await store.agentRuns.updateRun(runId, { status: 'running' });
      const memoryRun = state.metadata?.memory as MemoryRunMetadata | undefined;
      const runSettings =
        memoryOptions && memoryRun
          ? {
              ...settings,
              instructions: memoryRun.instructions,
              tools: memoryToolRegistry(memoryOptions, tools, memoryRun.scope),
            }
          : settings;
      return yield* runLoop(
        { ...runSettings, caller: runOptions.caller },
        {
          state,
          budget,
          signal: runOptions.signal,
          stream,
          parentSpan: runOptions.parentSpan,
          resumed: true,
          completed,
        },
      );
    })();
  }

  const agent: Agent = {
    name,
    tools,
    run: (task, runOptions) => drain(start(task, runOptions)),
    stream: (task, runOptions) => toAgentStream(start(task, runOptions, true)),
    resume: (runId, runOptions) => drain(resumeRun(runId, runOptions)),
    streamResume: (runId, runOptions) => toAgentStream(resumeRun(runId, runOptions, true)),
    asTool({ name: toolName = name, description, limits: childLimits } = {}) {
      return {
        name: toolName,
        description: description ?? `Delegates a task to the '${name}' agent and returns its answer.`,
        input: z.object({
          task: z.string().min(1).describe('the task for the sub-agent, with all context it needs'),
        }),
        async execute({ task }, context) {
          const parentBudget = Budget.isBudget(context.budget) ? context.budget : undefined;
          const child = childLimits
            ? createAgent({ ...options, limits: { ...limits, ...childLimits } })
            : agent;
          const runOptions: RunOptions = {
            signal: context.signal,
            parentBudget,
            parentSpan: context.span,
            parentRunId: context.runId,
            ...(context.caller ? { caller: context.caller } : {}),
          };
          // With a store, the sub-run's id follows from the parent's call, so that resuming the
          // parent finds the sub-run again: finished (its answer) or paused (resumed, not restarted).
          const childRunId = `${context.runId}.${context.toolCallId}`;
          const existing = options.store ? await options.store.agentRuns.getRun(childRunId) : undefined;
          if (existing?.status === 'completed') return existing.finalText ?? '';
          const result = existing
            ? await child.resume(childRunId, runOptions)
            : await child.run(task, { ...runOptions, runId: childRunId });
          if (result.stopReason === 'awaiting-approval') throw new ApprovalPending(result.pendingApprovals);
          return result.text;
        },
      };
    },
  };
  return agent;
}

/** A sub-run belongs to its parent's tenant, so that a nested approval is seen by the right tenant. */
async function recordTenant(store: AgentOptions['store'], runId: string, runOptions: RunOptions) {
  const tenants = store?.agentTenants;
  if (!tenants) return;
  const tenant = runOptions.parentRunId
    ? await tenants.runTenant(runOptions.parentRunId)
    : (runOptions.tenant ?? runOptions.caller?.tenant);
  if (tenant !== undefined && tenant !== defaultTenant) await tenants.setRunTenant(runId, tenant);
}

export function newRunId(): string {
  return `run_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
}
