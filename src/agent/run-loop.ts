// The agent loop: ask the model, run the tool calls it makes, check the stop conditions, repeat.
// It yields typed events, checkpoints after each model response (appending what changed, see
// checkpoint-writer.ts), and when a limit stops it, gives the model one last turn without tools to
// answer from what it has.
import type { AgentRunStatus } from '../store/index.js';
import { GenAI, type Span } from '../trace/index.js';
import type { AgentEvent } from './agent-events.js';
import type { ToolResultRecord } from './agent-message.js';
import type { AgentResult, PendingApproval } from './agent-result.js';
import { createCheckpointWriter } from './checkpoint-writer.js';
import { executeToolCall } from './execute-tool-call.js';
import { canonicalJson, hashArguments } from './hash-arguments.js';
import { inertTracer } from './inert-tracer.js';
import type { LoopInput, LoopSettings } from './loop-settings.js';
import { modelTurn, replayedTurn, stepEnd } from './model-turn.js';
import { protocols } from './protocols/choose-protocol.js';
import type { ModelTurn, ParsedTurn } from './protocols/tool-protocol.js';
import { pendingCalls } from './run-state.js';
import { checkStop } from './stop/check-stop.js';
import type { StopSignal } from './stop/stop-condition.js';

export type { LoopInput, LoopSettings } from './loop-settings.js';

export async function* runLoop(
  settings: LoopSettings,
  input: LoopInput,
): AsyncGenerator<AgentEvent, AgentResult> {
  const { tools, store } = settings;
  const { state, budget, signal } = input;
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
  // Calls of the unfinished step counted in the budget: saved with the checkpoint so that a resume
  // counts each call once (a replayed call finished after the checkpoint is counted then, not before).
  const counted = new Set<string>(state.countedCallIds ?? []);
  const checkpoints = store
    ? createCheckpointWriter(store, { runId: state.runId, stored: input.resumed ? state : undefined })
    : undefined;
  const persist = async (status: AgentRunStatus, extra: { stopReason?: string; finalText?: string } = {}) => {
    state.usage = { ...budget.used };
    if (counted.size > 0) state.countedCallIds = [...counted];
    else delete state.countedCallIds;
    state.elapsedMs = budget.elapsedMs();
    await checkpoints?.save(state, {
      status,
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
        // Added to the state only when the step completes: a paused or aborted step is replayed later.
        const stepKeys: string[] = [];
        let unusable = 0;
        const context = {
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
          maximumObservationCharacters: settings.maximumObservationCharacters,
          confirmRepairedCalls: settings.confirmRepairedCalls,
          completed: input.completed,
          counted,
        };
        // Calls run `toolConcurrency` at a time (default 1: in order); their events keep the call order.
        for (let first = 0; first < pending.length; first += settings.toolConcurrency) {
          const batch = pending.slice(first, first + settings.toolConcurrency);
          for (const call of batch) {
            if (!input.resumed || !input.completed.has(call.id)) {
              yield { type: 'tool-call', step, callId: call.id, name: call.name, input: call.input };
            }
          }
          const outcomes = await Promise.all(batch.map((call) => executeToolCall(call, context)));
          for (const [index, outcome] of outcomes.entries()) {
            const call = batch[index];
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
              stepKeys.push(`${call.name}:${hashArguments(call.input)}`);
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
        state.toolCallKeys.push(...stepKeys);
        state.observationKeys.push(hashArguments(canonicalJson(results.map((r) => [r.name, r.output]))));
        state.invalidTurns = unusable === pending.length ? state.invalidTurns + 1 : 0;
        input.completed.clear();
        counted.clear();
        // Not saved here: every call of the step is recorded (or needs no record), so a resume rebuilds
        // this step from the records; the results go out with the next model response's checkpoint.
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
      const parsed = protocols[state.protocol].parse(turn, {
        step,
        tools: tools.specs(),
        model: settings.modelName,
      });
      recordParse(stepSpan, parsed);

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
      const parsed = protocols[state.protocol].parse(turn, { step, tools: [], model: settings.modelName });
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

function isLimit(reason: StopSignal['reason']): boolean {
  return reason !== 'final-answer' && reason !== 'awaiting-approval' && reason !== 'aborted';
}

function toCallRecords(parsed: ParsedTurn) {
  return parsed.calls.map((call) => ({
    id: call.id,
    name: call.name,
    input: call.input,
    ...(call.inputError ? { inputError: call.inputError } : {}),
    ...(call.repairs && call.repairs.length > 0 ? { repairs: call.repairs } : {}),
  }));
}

/** What the parser repaired or could not read, on the step's span: a wrong call is diagnosable from the trace. */
function recordParse(span: Span, parsed: ParsedTurn): void {
  if (parsed.repairs && parsed.repairs.length > 0)
    span.setAttribute(
      'gantry.parse.repairs',
      parsed.repairs.map((r) => `${r.call === undefined ? '' : `call ${r.call}: `}${r.kind}: ${r.detail}`),
    );
  if (parsed.errors && parsed.errors.length > 0)
    span.setAttribute(
      'gantry.parse.errors',
      parsed.errors.map((e) => `${e.kind}: ${e.message}`),
    );
}
