// One model call of the loop: the protocol's prompt, the call (streamed or not), its span, the
// budget charge, and under `auto` the fallback to the next protocol when the backend lacks one.
import { APICallError } from '@ai-sdk/provider';
import { GantryError } from '../errors/index.js';
import { asModelCallError, estimateCost } from '../model/index.js';
import { GenAI, type Span } from '../trace/index.js';
import type { AgentEvent } from './agent-events.js';
import type { Budget } from './budget.js';
import { callModel } from './call-model.js';
import type { LoopInput, LoopSettings } from './loop-settings.js';
import { fallbackProtocol, isCapabilityError, protocols } from './protocols/choose-protocol.js';
import type { ModelTurn } from './protocols/tool-protocol.js';
import type { RunState } from './run-state.js';

const rawTextLimit = 8_000;

/** One model call with its span, budget charge and, under `auto`, protocol fallback. */
export async function* modelTurn(
  settings: LoopSettings,
  state: RunState,
  budget: Budget,
  stepSpan: Span,
  input: LoopInput,
  toolsEnabled: boolean,
): AsyncGenerator<AgentEvent, ModelTurn> {
  let retries = 0;
  for (;;) {
    const protocol = protocols[state.protocol];
    let streamed = false;
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
        streamed = true;
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
      // Transient failures (429, 5xx) are retried with backoff, unless text was already streamed.
      if (!streamed && retries < settings.modelRetries && isRetryable(error) && !input.signal?.aborted) {
        await sleep(settings.modelRetryDelayMs * 2 ** retries, input.signal);
        retries++;
        continue;
      }
      const next = fallbackProtocol(settings.protocolChoice, state.protocol, error);
      if (!next && isCapabilityError(error)) {
        throw new GantryError(
          'AGENT_PROTOCOL_UNSUPPORTED',
          `Model ${settings.modelName} cannot use the '${state.protocol}' tool-calling protocol: ${(error as Error).message}`,
          {
            hint:
              settings.protocolChoice === 'auto'
                ? 'No protocol is left to fall back to; check the backend and the model.'
                : "Set the protocol to 'auto' (or 'json' or 'react' for models without tool calling) for this model.",
            details: { model: settings.modelName, protocol: state.protocol },
            cause: error,
          },
        );
      }
      if (!next) throw asModelCallError(error, settings.modelName, input.signal);
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

/** A step resumed from a checkpoint: its model call happened in the earlier process. */
export function replayedTurn(state: RunState): ModelTurn {
  const last = state.messages[state.messages.length - 1];
  const text = last?.role === 'assistant' ? last.text : '';
  return { text, nativeCalls: [], inputTokens: 0, outputTokens: 0, finishReason: 'tool-calls' };
}

export function stepEnd(step: number, turn: ModelTurn, modelName: string): AgentEvent {
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

function isRetryable(error: unknown): boolean {
  return APICallError.isInstance(error) && error.isRetryable;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
