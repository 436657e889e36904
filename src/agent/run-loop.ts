// The agent loop: ask the model, run the tool calls it makes, check the stop conditions, repeat.
// It yields typed events, checkpoints after each model response and each step, and when a limit
// stops it, gives the model one last turn without tools to answer from what it has.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { estimateCost } from '../model/index.js';
import type { AgentRunStatus, AgentToolCallRecord, Store } from '../store/index.js';
import type { CallerIdentity, ToolRegistry } from '../tool/index.js';
import { GenAI, type Span, type Tracer } from '../trace/index.js';
import type { AgentEvent } from './agent-events.js';
import type { ToolResultRecord } from './agent-message.js';
import type { AgentResult, PendingApproval } from './agent-result.js';
import type { Budget } from './budget.js';
import { callModel } from './call-model.js';
import { executeToolCall } from './execute-tool-call.js';
import { canonicalJson, hashArguments } from './hash-arguments.js';
import { inertTracer } from './inert-tracer.js';
import { fallbackProtocol, type ProtocolChoice, protocols } from './protocols/choose-protocol.js';
import type { ModelTurn, ParsedTurn } from './protocols/tool-protocol.js';
import { pendingCalls, type RunState } from './run-state.js';
import type { StopCondition, StopSignal } from './stop/stop-condition.js';

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
  store?: Store;
  tracer: Tracer;
  toolTimeoutMs: number;
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

const rawTextLimit = 8_000;

export async function* runLoop(
  settings: LoopSettings,
  input: LoopInput,
): AsyncGenerator<AgentEvent, AgentResult> {
  const { tools, store } = settings;
  const { state, budget, signal } = input;
  const toolNames = tools.names();
  const runSpan = settings.tracer.startSpan(
    `${input.resumed ? 'resume_agent' : 'invoke_agent'} ${settings.name}`,
    {
      parent:
        input.parentSpan ??
        (input.resumed ? { traceId: state.traceId, spanId: state.rootSpanId } : undefined),
      attributes: {
        [GenAI.operationName]: 'invoke_agent',
        [GenAI.agentName]: settings.name,
        [GenAI.requestModel]: settings.modelName,
        'gantry.run.id': state.runId,
      },
    },
  );
  const tracer = inertTracer(settings.tracer, runSpan);
  settings = { ...settings, tracer };
  if (!input.resumed) {
    state.traceId = runSpan.traceId;
    state.rootSpanId = runSpan.spanId;
  }
  const persist = async (status: AgentRunStatus, extra: { stopReason?: string; finalText?: string } = {}) => {
    state.usage = { ...budget.used };
    state.elapsedMs = budget.elapsedMs();
    if (!store) return;
    await store.agentRuns.updateRun(state.runId, {
      status,
      checkpoint: state,
      stepCount: state.step,
      inputTokens: budget.used.inputTokens,
      outputTokens: budget.used.outputTokens,
      costUsd: budget.used.costUsd,
      traceId: state.traceId,
      ...extra,
    });
  };

  yield {
    type: 'run-start',
    runId: state.runId,
    traceId: state.traceId,
    task: state.task,
    resumed: input.resumed,
    protocol: state.protocol,
  };

  let stop: StopSignal | undefined;
  let finalText = '';
  let forced = false;
  const pendingApprovals: PendingApproval[] = [];
  let stepSpan: Span | undefined;
  let lastTurn: ModelTurn | undefined;

  try {
    for (;;) {
      const pending = pendingCalls(state);
      if (pending.length > 0) {
        // Tool calls of the last model response: run now, or replayed after a crash or a pause.
        const step = state.step;
        stepSpan ??= tracer.startSpan(`step ${step}`, {
          parent: runSpan,
          attributes: { 'gantry.step': step },
        });
        const results: ToolResultRecord[] = [];
        let unusable = 0;
        for (const call of pending) {
          if (!input.resumed || !input.completed.has(call.id)) {
            yield { type: 'tool-call', step, callId: call.id, name: call.name, input: call.input };
          }
          const outcome = await executeToolCall(call, {
            runId: state.runId,
            step,
            tools,
            tracer,
            parentSpan: stepSpan,
            budget,
            signal,
            store,
            caller: settings.caller,
            toolTimeoutMs: settings.toolTimeoutMs,
            completed: input.completed,
          });
          if (outcome.kind === 'awaiting-approval') {
            for (const approval of outcome.approvals) {
              pendingApprovals.push(approval);
              yield { type: 'approval-requested', step, ...approval, name: approval.toolName };
            }
            continue;
          }
          const { result } = outcome;
          results.push(result);
          if (outcome.errorKind === 'unknown-tool' || outcome.errorKind === 'invalid-input') unusable++;
          if (outcome.errorKind !== 'unknown-tool')
            state.toolCallKeys.push(`${call.name}:${hashArguments(call.input)}`);
          if (result.isError) {
            yield {
              type: 'tool-error',
              step,
              callId: call.id,
              name: call.name,
              kind: outcome.errorKind ?? 'execution',
              message: String(result.output),
            };
          } else {
            yield {
              type: 'tool-result',
              step,
              callId: call.id,
              name: call.name,
              output: result.output,
              replayed: outcome.replayed,
            };
          }
        }
        yield stepEnd(step, lastTurn ?? replayedTurn(state), settings.modelName);
        lastTurn = undefined;
        if (pendingApprovals.length > 0) {
          stop = {
            reason: 'awaiting-approval',
            message: `Waiting for approval of ${pendingApprovals.map((a) => a.toolName).join(', ')}.`,
          };
          stepSpan.end();
          stepSpan = undefined;
          break;
        }
        state.messages.push({ role: 'tool', results });
        state.observationKeys.push(hashArguments(canonicalJson(results.map((r) => [r.name, r.output]))));
        state.invalidTurns = unusable === pending.length ? state.invalidTurns + 1 : 0;
        input.completed.clear();
        await persist('running');
        stepSpan.end();
        stepSpan = undefined;
        if (state.invalidTurns > settings.maximumRepairs) {
          stop = {
            reason: 'invalid-output',
            message: `The model made ${state.invalidTurns} unusable tool calls in a row.`,
          };
          break;
        }
      }

      if (signal?.aborted) {
        stop = { reason: 'aborted', message: 'The run was aborted.' };
        break;
      }
      stop = checkStop(settings.stopConditions, state, budget);
      if (stop) break;

      state.step++;
      const step = state.step;
      stepSpan = tracer.startSpan(`step ${step}`, { parent: runSpan, attributes: { 'gantry.step': step } });
      yield { type: 'step-start', step };
      const turn = yield* modelTurn(settings, state, budget, stepSpan, input, true);
      const parsed = protocols[state.protocol].parse(turn, { step, toolNames });

      if (parsed.formatError) {
        state.messages.push(
          { role: 'assistant', text: turn.text, toolCalls: [] },
          { role: 'feedback', text: parsed.formatError },
        );
        state.invalidTurns++;
        yield stepEnd(step, turn, settings.modelName);
        await persist('running');
        stepSpan.end();
        stepSpan = undefined;
        if (state.invalidTurns > settings.maximumRepairs) {
          stop = {
            reason: 'invalid-output',
            message: `The model's reply could not be read ${state.invalidTurns} times in a row.`,
          };
          break;
        }
        continue;
      }
      if (parsed.calls.length === 0) {
        finalText = parsed.finalText ?? turn.text;
        state.messages.push({ role: 'assistant', text: turn.text, toolCalls: [] });
        yield stepEnd(step, turn, settings.modelName);
        stepSpan.end();
        stepSpan = undefined;
        stop = { reason: 'final-answer', message: 'The model gave its answer.' };
        break;
      }
      state.messages.push({ role: 'assistant', text: turn.text, toolCalls: toCallRecords(parsed) });
      // Saved before any tool runs: a resumed run continues with these exact calls, never re-asks the model.
      await persist('running');
      lastTurn = turn;
    }

    if (stop && settings.finalAnswerOnStop && isLimit(stop.reason)) {
      state.messages.push({
        role: 'feedback',
        text: `Stop now: ${stop.message} No more tools can be called. Answer the task as well as you can from what you have found so far.`,
      });
      state.step++;
      const step = state.step;
      const span = tracer.startSpan(`step ${step}`, {
        parent: runSpan,
        attributes: { 'gantry.step': step, 'gantry.final_answer.forced': true },
      });
      yield { type: 'step-start', step };
      const turn = yield* modelTurn(settings, state, budget, span, input, false);
      const parsed = protocols[state.protocol].parse(turn, { step, toolNames: [] });
      finalText = parsed.finalText ?? turn.text;
      forced = true;
      state.messages.push({ role: 'assistant', text: turn.text, toolCalls: [] });
      yield stepEnd(step, turn, settings.modelName);
      span.end();
    }
  } catch (error) {
    stepSpan?.recordError(error);
    stepSpan?.end('error');
    if (!signal?.aborted) {
      runSpan.recordError(error);
      runSpan.end('error');
      await persist('failed', { stopReason: 'error' }).catch(() => {});
      throw error;
    }
    // Aborted mid-step (model call or tool): the checkpoint and the recorded tool calls let it resume.
    stop = {
      reason: 'aborted',
      message: `The run was aborted: ${(signal.reason as Error)?.message ?? 'no reason given'}.`,
    };
  }

  const stopSignal = stop ?? { reason: 'final-answer', message: '' };
  const status =
    stopSignal.reason === 'awaiting-approval'
      ? 'awaiting-approval'
      : stopSignal.reason === 'aborted'
        ? 'aborted'
        : 'completed';
  await persist(status, { stopReason: stopSignal.reason, finalText });
  runSpan.setAttributes({
    'gantry.stop_reason': stopSignal.reason,
    'gantry.steps': state.step,
    [GenAI.usageInputTokens]: budget.used.inputTokens,
    [GenAI.usageOutputTokens]: budget.used.outputTokens,
    [GenAI.costUsd]: budget.used.costUsd,
    'gantry.tool_calls': budget.used.toolCalls,
  });
  runSpan.end();
  const result: AgentResult = {
    runId: state.runId,
    traceId: state.traceId,
    text: finalText,
    stopReason: stopSignal.reason,
    stopMessage: stopSignal.message,
    forcedFinalAnswer: forced,
    steps: state.step,
    usage: { ...budget.used },
    protocol: state.protocol,
    messages: state.messages,
    pendingApprovals,
  };
  yield { type: 'run-end', result };
  return result;
}

/** One model call with its span, budget charge and, under `auto`, protocol fallback. */
async function* modelTurn(
  settings: LoopSettings,
  state: RunState,
  budget: Budget,
  stepSpan: Span,
  input: LoopInput,
  toolsEnabled: boolean,
): AsyncGenerator<AgentEvent, ModelTurn> {
  for (;;) {
    const protocol = protocols[state.protocol];
    const span = settings.tracer.startSpan(`chat ${settings.model.modelId}`, {
      parent: stepSpan,
      kind: 'client',
      attributes: {
        [GenAI.operationName]: 'chat',
        [GenAI.requestModel]: settings.modelName,
        [GenAI.providerName]: settings.model.provider,
        'gantry.agent.protocol': protocol.name,
      },
    });
    try {
      const options = {
        ...protocol.prompt({
          instructions: settings.instructions,
          messages: state.messages,
          tools: settings.tools.specs(),
          toolsEnabled,
        }),
        abortSignal: input.signal,
        maxOutputTokens: settings.maxOutputTokens,
        temperature: settings.temperature,
      };
      const calls = callModel(settings.model, options, input.stream);
      let next = await calls.next();
      while (!next.done) {
        yield { type: 'text-delta', step: state.step, delta: next.value };
        next = await calls.next();
      }
      const turn = next.value;
      const costUsd = estimateCost({
        model: settings.modelName,
        inputTokens: turn.inputTokens,
        outputTokens: turn.outputTokens,
      });
      budget.charge({ steps: 1, inputTokens: turn.inputTokens, outputTokens: turn.outputTokens, costUsd });
      const spent = {
        [GenAI.usageInputTokens]: turn.inputTokens,
        [GenAI.usageOutputTokens]: turn.outputTokens,
        [GenAI.costUsd]: costUsd,
      };
      span.setAttributes({
        ...spent,
        [GenAI.responseFinishReasons]: [turn.finishReason],
        // The raw text is kept so that a misparsed call can be diagnosed from the trace.
        'gantry.response.text':
          turn.text.length > rawTextLimit ? `${turn.text.slice(0, rawTextLimit)}…` : turn.text,
        'gantry.response.tool_calls': turn.nativeCalls.length,
      });
      stepSpan.setAttributes(spent);
      span.end();
      return turn;
    } catch (error) {
      span.recordError(error);
      span.end('error');
      const next = fallbackProtocol(settings.protocolChoice, state.protocol, error);
      if (!next) throw error;
      yield {
        type: 'protocol-fallback',
        step: state.step,
        from: state.protocol,
        to: next,
        message: (error as Error).message,
      };
      state.protocol = next;
    }
  }
}

function checkStop(
  conditions: readonly StopCondition[],
  state: RunState,
  budget: Budget,
): StopSignal | undefined {
  const view = {
    step: state.step,
    usage: budget.used,
    elapsedMs: budget.elapsedMs(),
    budget,
    messages: state.messages,
    toolCallKeys: state.toolCallKeys,
    observationKeys: state.observationKeys,
  };
  for (const condition of conditions) {
    const signal = condition(view);
    if (signal) return signal;
  }
  return undefined;
}

function isLimit(reason: StopSignal['reason']): boolean {
  return reason !== 'final-answer' && reason !== 'awaiting-approval' && reason !== 'aborted';
}

function toCallRecords(parsed: ParsedTurn) {
  return parsed.calls.map((call) => ({
    id: call.id,
    name: call.name,
    input: call.input,
    ...(call.inputError ? { inputError: call.inputError } : {}),
  }));
}

/** A step resumed from a checkpoint: its model call happened in the earlier process. */
function replayedTurn(state: RunState): ModelTurn {
  const last = state.messages[state.messages.length - 1];
  const text = last?.role === 'assistant' ? last.text : '';
  return { text, nativeCalls: [], inputTokens: 0, outputTokens: 0, finishReason: 'tool-calls' };
}

function stepEnd(step: number, turn: ModelTurn, modelName: string): AgentEvent {
  return {
    type: 'step-end',
    step,
    text: turn.text,
    finishReason: turn.finishReason,
    inputTokens: turn.inputTokens,
    outputTokens: turn.outputTokens,
    costUsd: estimateCost({
      model: modelName,
      inputTokens: turn.inputTokens,
      outputTokens: turn.outputTokens,
    }),
  };
}
