// A deterministic language model for tests (shipped from `gantry/test` for users too): it plays a
// script of steps, records every call, and checks at the end that the whole script was used.
import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3FinishReason,
  type LanguageModelV3GenerateResult,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { GantryError } from '../errors/index.js';

export interface ScriptedToolCall {
  toolName: string;
  /** An object (JSON-encoded for the model interface) or a raw string, to test malformed arguments. */
  input: unknown;
  toolCallId?: string;
}

export interface ScriptedResponse {
  type?: 'response';
  text?: string;
  reasoning?: string;
  toolCalls?: ScriptedToolCall[];
  /** How doStream splits the text; default: one chunk per word (with its trailing space). */
  chunks?: string[];
  usage?: { inputTokens?: number; outputTokens?: number };
  finishReason?: LanguageModelV3FinishReason['unified'];
  /** Waits this long before answering (honours the abort signal). */
  delayMs?: number;
  /** Waits this long between streamed chunks. */
  chunkDelayMs?: number;
  providerMetadata?: LanguageModelV3GenerateResult['providerMetadata'];
}

export interface ScriptedFailure {
  type: 'error';
  message: string;
  /** HTTP status to report (an APICallError); 429 and 5xx are marked retryable. */
  status?: number;
  delayMs?: number;
}

export type ScriptedStep =
  | ScriptedResponse
  | ScriptedFailure
  | ((options: LanguageModelV3CallOptions, callIndex: number) => ScriptedResponse | ScriptedFailure);

export interface ScriptedCall {
  method: 'generate' | 'stream';
  options: LanguageModelV3CallOptions;
}

export interface ScriptedModel extends LanguageModelV3 {
  readonly calls: ScriptedCall[];
  /** Steps not yet played. */
  readonly remaining: number;
  /** Throws SCRIPTED_MODEL_INCOMPLETE when steps were left unplayed. */
  assertComplete(): void;
}

export interface ScriptedModelOptions {
  modelId?: string;
  provider?: string;
  /** Replays the script from the start when it runs out instead of failing. */
  loop?: boolean;
  /**
   * Behaves like a real backend under `maxOutputTokens`: a reply longer than that is cut there
   * (finish reason 'length', its tool calls dropped) and reports that many output tokens.
   */
  honourMaxOutputTokens?: boolean;
}

export function createScriptedModel(
  steps: ScriptedStep[],
  options: ScriptedModelOptions = {},
): ScriptedModel {
  const { modelId = 'scripted', provider = 'gantry.scripted', loop = false } = options;
  const cut = (step: ScriptedResponse, callOptions: LanguageModelV3CallOptions) =>
    options.honourMaxOutputTokens ? truncated(step, callOptions) : step;
  const calls: ScriptedCall[] = [];
  let next = 0;

  function take(method: ScriptedCall['method'], callOptions: LanguageModelV3CallOptions) {
    calls.push({ method, options: callOptions });
    if (next >= steps.length) {
      if (!loop || steps.length === 0) {
        throw new GantryError(
          'SCRIPTED_MODEL_EXHAUSTED',
          `Scripted model '${modelId}' was called ${calls.length} times but its script has ${steps.length} steps.`,
          { hint: 'Add steps to the script, or check why the code under test calls the model again.' },
        );
      }
      next = 0;
    }
    const step = steps[next++];
    const resolved = typeof step === 'function' ? step(callOptions, calls.length - 1) : step;
    return resolved.type === 'error' ? resolved : cut(resolved, callOptions);
  }

  return {
    specificationVersion: 'v3',
    provider,
    modelId,
    supportedUrls: {},
    calls,
    get remaining() {
      return Math.max(0, steps.length - next);
    },
    assertComplete() {
      if (next < steps.length) {
        throw new GantryError(
          'SCRIPTED_MODEL_INCOMPLETE',
          `Scripted model '${modelId}' played ${next} of ${steps.length} steps.`,
          { hint: 'The code under test stopped calling the model earlier than the script expects.' },
        );
      }
    },
    async doGenerate(callOptions) {
      const step = take('generate', callOptions);
      await sleep(step.delayMs, callOptions.abortSignal);
      if (step.type === 'error') throw toError(step, callOptions);
      return {
        content: contentOf(step),
        finishReason: finishReasonOf(step),
        usage: usageOf(step, callOptions),
        providerMetadata: step.providerMetadata,
        warnings: [],
        response: { id: `scripted-${calls.length}`, modelId, timestamp: new Date(0) },
      };
    },
    async doStream(callOptions) {
      const step = take('stream', callOptions);
      await sleep(step.delayMs, callOptions.abortSignal);
      if (step.type === 'error') throw toError(step, callOptions);
      const parts = streamPartsOf(step, callOptions, modelId, calls.length);
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          const part = parts.shift();
          if (!part) {
            controller.close();
            return;
          }
          if (part.type === 'text-delta' && step.chunkDelayMs)
            await sleep(step.chunkDelayMs, callOptions.abortSignal);
          controller.enqueue(part);
        },
      });
      return { stream };
    },
  };
}

function contentOf(step: ScriptedResponse): LanguageModelV3Content[] {
  const content: LanguageModelV3Content[] = [];
  if (step.reasoning) content.push({ type: 'reasoning', text: step.reasoning });
  if (step.text) content.push({ type: 'text', text: step.text });
  step.toolCalls?.forEach((call, index) => {
    content.push({
      type: 'tool-call',
      toolCallId: callIdOf(call, index),
      toolName: call.toolName,
      input: inputOf(call),
    });
  });
  return content;
}

function streamPartsOf(
  step: ScriptedResponse,
  options: LanguageModelV3CallOptions,
  modelId: string,
  callNumber: number,
): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: `scripted-${callNumber}`, modelId, timestamp: new Date(0) },
  ];
  if (step.reasoning) {
    parts.push(
      { type: 'reasoning-start', id: 'r0' },
      { type: 'reasoning-delta', id: 'r0', delta: step.reasoning },
    );
    parts.push({ type: 'reasoning-end', id: 'r0' });
  }
  if (step.text) {
    parts.push({ type: 'text-start', id: 't0' });
    for (const delta of step.chunks ?? splitWords(step.text))
      parts.push({ type: 'text-delta', id: 't0', delta });
    parts.push({ type: 'text-end', id: 't0' });
  }
  step.toolCalls?.forEach((call, index) => {
    const id = callIdOf(call, index);
    const input = inputOf(call);
    parts.push({ type: 'tool-input-start', id, toolName: call.toolName });
    parts.push({ type: 'tool-input-delta', id, delta: input });
    parts.push({ type: 'tool-input-end', id });
    parts.push({ type: 'tool-call', toolCallId: id, toolName: call.toolName, input });
  });
  parts.push({
    type: 'finish',
    finishReason: finishReasonOf(step),
    usage: usageOf(step, options),
    providerMetadata: step.providerMetadata,
  });
  return parts;
}

function finishReasonOf(step: ScriptedResponse): LanguageModelV3FinishReason {
  const unified = step.finishReason ?? (step.toolCalls?.length ? 'tool-calls' : 'stop');
  return { unified, raw: unified };
}

/** Deterministic usage: the script's numbers, else about four characters per token. */
function usageOf(step: ScriptedResponse, options: LanguageModelV3CallOptions): LanguageModelV3Usage {
  const promptChars = JSON.stringify(options.prompt).length;
  const outputChars = (step.text?.length ?? 0) + JSON.stringify(step.toolCalls ?? []).length - 2;
  const input = step.usage?.inputTokens ?? Math.ceil(promptChars / 4);
  const output = step.usage?.outputTokens ?? Math.ceil(Math.max(0, outputChars) / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

/** The reply as a backend would send it under maxOutputTokens: cut at the limit. */
function truncated(step: ScriptedResponse, options: LanguageModelV3CallOptions): ScriptedResponse {
  const limit = options.maxOutputTokens;
  if (limit === undefined) return step;
  const output = usageOf(step, options).outputTokens.total ?? 0;
  if (output <= limit) return step;
  return {
    ...step,
    text: (step.text ?? '').slice(0, limit * 4),
    toolCalls: [],
    chunks: undefined,
    finishReason: 'length',
    usage: { ...step.usage, outputTokens: limit },
  };
}

function callIdOf(call: ScriptedToolCall, index: number): string {
  return call.toolCallId ?? `call_${index}_${call.toolName}`;
}

function inputOf(call: ScriptedToolCall): string {
  return typeof call.input === 'string' ? call.input : JSON.stringify(call.input ?? {});
}

function splitWords(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

function toError(step: ScriptedFailure, options: LanguageModelV3CallOptions): Error {
  if (step.status === undefined) return new Error(step.message);
  return new APICallError({
    message: step.message,
    url: 'scripted://model',
    requestBodyValues: options,
    statusCode: step.status,
    isRetryable: step.status === 429 || step.status >= 500,
  });
}

function sleep(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  if (!ms) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
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
