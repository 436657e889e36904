// Runs one tool call: look the tool up, validate its arguments, ask for approval when the tool needs
// it, execute it under a time limit, and record the outcome. Nothing a tool does can crash the run:
// every failure becomes an error observation for the model.
import { randomBytes } from 'node:crypto';
import { GantryError } from '../errors/index.js';
import type { AgentToolCallRecord, Store } from '../store/index.js';
import type { CallerIdentity, ToolRegistry } from '../tool/index.js';
import { GenAI, type Span, type Tracer } from '../trace/index.js';
import type { ToolErrorKind } from './agent-events.js';
import type { ToolCallRecord, ToolResultRecord } from './agent-message.js';
import type { PendingApproval } from './agent-result.js';
import { ApprovalPending } from './approval-pending.js';
import type { Budget } from './budget.js';
import { hashArguments } from './hash-arguments.js';
import { limitObservation } from './limit-observation.js';
import { validateToolInput } from './validate-tool-input.js';

export interface ToolExecutionContext {
  runId: string;
  step: number;
  tools: ToolRegistry;
  tracer: Tracer;
  parentSpan: Span;
  budget: Budget;
  signal?: AbortSignal;
  store?: Pick<Store, 'agentToolCalls' | 'agentApprovals'>;
  caller?: CallerIdentity;
  toolTimeoutMs: number;
  maximumObservationCharacters: number;
  /** Calls read with repairs need approval before they run. */
  confirmRepairedCalls?: boolean;
  /** Calls finished before a crash or pause, by call id: replayed, never run again. */
  completed: Map<string, AgentToolCallRecord>;
  /** Calls of this step counted in `budget.used.toolCalls`, kept with the checkpoint. */
  counted: Set<string>;
}

export type CallOutcome =
  | {
      kind: 'result';
      result: ToolResultRecord;
      errorKind?: ToolErrorKind;
      replayed: boolean;
      executed: boolean;
    }
  | { kind: 'awaiting-approval'; approvals: PendingApproval[] };

export async function executeToolCall(
  call: ToolCallRecord,
  context: ToolExecutionContext,
): Promise<CallOutcome> {
  const done = context.completed.get(call.id);
  if (done) {
    // Finished after the checkpoint was written (a crash mid-step): counted now, once.
    if (!context.counted.has(call.id) && (await ranBefore(call, done, context))) {
      context.budget.charge({ toolCalls: 1 });
      context.counted.add(call.id);
    }
    const result = { id: call.id, name: call.name, output: done.output, isError: done.isError };
    return {
      kind: 'result',
      result,
      replayed: true,
      executed: false,
      ...(done.isError ? { errorKind: 'execution' as const } : {}),
    };
  }
  const fail = (errorKind: ToolErrorKind, message: string, executed = false): CallOutcome => ({
    kind: 'result',
    result: { id: call.id, name: call.name, output: message, isError: true },
    errorKind,
    replayed: false,
    executed,
  });
  if (call.inputError) {
    return fail(
      'invalid-input',
      `Could not read the arguments of '${call.name}': ${call.inputError.replace(/\.\s*$/, '')}. Send the whole call again with its arguments as one complete JSON object.`,
    );
  }
  const lookup = context.tools.lookUp(call.name);
  if (!lookup.tool) return fail('unknown-tool', lookup.message);
  const tool = lookup.tool;
  const validated = validateToolInput(tool, call.input);
  if (!validated.ok) return fail('invalid-input', validated.message);

  const repaired = (call.repairs?.length ?? 0) > 0;
  const needsApproval =
    (typeof tool.needsApproval === 'function' ? tool.needsApproval(validated.value) : tool.needsApproval) ||
    (repaired && context.confirmRepairedCalls === true);
  if (needsApproval) {
    const decision = await approvalDecision(call, validated.value, context);
    if (decision.kind === 'pending') return { kind: 'awaiting-approval', approvals: [decision.approval] };
    if (decision.kind === 'rejected') {
      const outcome = fail('rejected', decision.message);
      await record(call, outcome, context, performance.now());
      return outcome;
    }
  }
  if (!context.budget.allows('toolCalls')) {
    return fail(
      'budget',
      'The tool-call budget is spent: no more tools can be called. Answer with what you have.',
    );
  }

  const span = context.tracer.startSpan(`execute_tool ${tool.name}`, {
    parent: context.parentSpan,
    attributes: {
      [GenAI.operationName]: 'execute_tool',
      [GenAI.toolName]: tool.name,
      [GenAI.toolCallId]: call.id,
      'gantry.run.id': context.runId,
      ...(repaired ? { 'gantry.tool.repairs': call.repairs?.map((r) => `${r.kind}: ${r.detail}`) } : {}),
    },
  });
  const startedAt = performance.now();
  context.budget.charge({ toolCalls: 1 });
  context.counted.add(call.id);
  const before = { ...context.budget.used };
  let outcome: CallOutcome;
  try {
    const output = await withTimeout(tool.timeoutMs ?? context.toolTimeoutMs, context.signal, (signal) =>
      tool.execute(validated.value, {
        toolCallId: call.id,
        runId: context.runId,
        signal,
        tracer: context.tracer,
        span,
        budget: context.budget,
        ...(context.caller ? { caller: context.caller } : {}),
      }),
    );
    outcome = {
      kind: 'result',
      result: {
        id: call.id,
        name: call.name,
        output: limitObservation(output ?? null, context.maximumObservationCharacters),
        isError: false,
      },
      replayed: false,
      executed: true,
    };
    recordSpending(span, before, context.budget);
    span.end();
  } catch (error) {
    if (ApprovalPending.isInstance(error)) {
      // A sub-agent paused: this call is not done; it runs again (and resumes the sub-agent) on resume.
      context.budget.charge({ toolCalls: -1 });
      context.counted.delete(call.id);
      span.setAttribute('gantry.tool.status', 'awaiting-approval');
      span.end();
      return { kind: 'awaiting-approval', approvals: error.approvals };
    }
    if (context.signal?.aborted) {
      // The run was aborted, not the tool at fault: leave the call unrecorded so that a resume runs it.
      span.recordError(error);
      span.end('error');
      throw error;
    }
    const timedOut = GantryError.isInstance(error) && error.code === 'AGENT_TOOL_TIMEOUT';
    outcome = fail(timedOut ? 'timeout' : 'execution', toolErrorMessage(tool.name, error), true);
    span.recordError(error);
    span.end('error');
  }
  await record(call, outcome, context, startedAt);
  return outcome;
}

/**
 * Whether a recorded call actually ran its tool (and so counts as a tool call): everything recorded
 * ran, except calls refused at approval (rejected, or approved for other arguments).
 */
async function ranBefore(
  call: ToolCallRecord,
  done: AgentToolCallRecord,
  context: ToolExecutionContext,
): Promise<boolean> {
  if (!done.isError || !context.store) return true;
  const approval = await context.store.agentApprovals.findApproval(context.runId, call.id);
  if (!approval) return true;
  if (approval.status !== 'approved') return false;
  const tool = context.tools.lookUp(call.name).tool;
  const validated = tool ? validateToolInput(tool, call.input) : undefined;
  return validated?.ok === true && hashArguments(validated.value) === approval.inputHash;
}

type Decision =
  | { kind: 'approved' }
  | { kind: 'rejected'; message: string }
  | { kind: 'pending'; approval: PendingApproval };

async function approvalDecision(
  call: ToolCallRecord,
  input: unknown,
  context: ToolExecutionContext,
): Promise<Decision> {
  const { store } = context;
  if (!store) {
    throw new GantryError(
      'AGENT_STORE_REQUIRED',
      `Tool '${call.name}' needs approval, but the agent has no store to keep the pending approval in.`,
      {
        hint: 'Create the agent with a store (openSqliteStore) so that a paused run survives until someone decides.',
      },
    );
  }
  const inputHash = hashArguments(input);
  const existing = await store.agentApprovals.findApproval(context.runId, call.id);
  if (existing && existing.status !== 'pending') {
    // The approval is bound to these exact arguments: a call whose arguments changed is not approved.
    if (existing.inputHash !== inputHash) {
      return {
        kind: 'rejected',
        message: `The approval for '${call.name}' was given for different arguments; the call was not run.`,
      };
    }
    if (existing.status === 'approved') return { kind: 'approved' };
    return {
      kind: 'rejected',
      message: `The user rejected this call of '${call.name}'${existing.reason ? `: ${existing.reason}` : ''}. Do not repeat it; continue without it or explain what you need.`,
    };
  }
  const approval =
    existing ??
    (await store.agentApprovals.requestApproval({
      id: `apr_${randomBytes(6).toString('hex')}`,
      runId: context.runId,
      callId: call.id,
      toolName: call.name,
      input,
      inputHash,
    }));
  return {
    kind: 'pending',
    approval: { approvalId: approval.id, callId: call.id, toolName: call.name, input },
  };
}

async function record(
  call: ToolCallRecord,
  outcome: CallOutcome,
  context: ToolExecutionContext,
  startedAt: number,
) {
  if (!context.store || outcome.kind !== 'result') return;
  const now = performance.timeOrigin;
  await context.store.agentToolCalls.recordToolCall({
    runId: context.runId,
    callId: call.id,
    step: context.step,
    toolName: call.name,
    input: call.input,
    inputHash: hashArguments(call.input),
    output: outcome.result.output,
    isError: outcome.result.isError,
    startedAt: now + startedAt,
    endedAt: now + performance.now(),
  });
}

async function withTimeout<T>(
  ms: number,
  outer: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T> | T,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', abort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new GantryError(
        'AGENT_TOOL_TIMEOUT',
        `The tool call took longer than ${ms} ms and was stopped.`,
      );
      controller.abort(error);
      reject(error);
    }, ms);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  try {
    return await Promise.race([Promise.resolve().then(() => run(controller.signal)), expiry]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}

function toolErrorMessage(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = GantryError.isInstance(error) && error.hint ? ` ${error.hint}` : '';
  return `Tool '${name}' failed: ${message}${hint}`;
}

/** What a tool spent (a sub-agent's model calls), on the tool's span. */
function recordSpending(span: Span, before: Budget['used'], budget: Budget): void {
  const inputTokens = budget.used.inputTokens - before.inputTokens;
  const outputTokens = budget.used.outputTokens - before.outputTokens;
  if (inputTokens === 0 && outputTokens === 0) return;
  span.setAttributes({
    [GenAI.usageInputTokens]: inputTokens,
    [GenAI.usageOutputTokens]: outputTokens,
    [GenAI.costUsd]: budget.used.costUsd - before.costUsd,
    'gantry.tool_calls': budget.used.toolCalls - before.toolCalls,
  });
}
