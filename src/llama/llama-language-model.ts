// The `llama:` provider: an AI SDK LanguageModelV3 over a local GGUF (node-llama-cpp), so a local model
// works wherever a model is named (agents, RAG, eval). The model loads on the first call and is shared.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { GantryError } from '../errors/index.js';
import { type LlamaEngine, type LlamaLoadOptions, loadLlamaEngine } from './llama-engine.js';
import { type ModelFileOptions, resolveModelFile } from './resolve-model-file.js';
import {
  type LlamaChatRequest,
  type LlamaChatResult,
  type LlamaToolChoice,
  runLlamaChat,
} from './run-llama-chat.js';
import { historyFromPrompt } from './to-chat-history.js';

export interface LlamaModelSettings extends LlamaLoadOptions, ModelFileOptions {}

/** Loads (once) the engine for a `llama:` model id: a GGUF path or an hf: URI. */
export async function llamaEngineFor(
  modelId: string,
  settings: LlamaModelSettings = {},
): Promise<LlamaEngine> {
  const path = await resolveModelFile(modelId, settings);
  return loadLlamaEngine(path, settings);
}

export function createLlamaLanguageModel(
  modelId: string,
  settings: LlamaModelSettings = {},
): LanguageModelV3 {
  let calls = 0;
  const engine = () => llamaEngineFor(modelId, settings);
  return {
    specificationVersion: 'v3',
    provider: 'llama',
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      const result = await runLlamaChat(await engine(), requestOf(options));
      return {
        content: contentOf(result, ++calls),
        finishReason: { unified: result.finishReason, raw: result.finishReason },
        usage: usageOf(result),
        warnings: [],
        response: { id: `llama-${calls}`, modelId, timestamp: new Date() },
      };
    },
    async doStream(options) {
      const loaded = await engine();
      const id = ++calls;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({
            type: 'response-metadata',
            id: `llama-${id}`,
            modelId,
            timestamp: new Date(),
          });
          let started = false;
          const request = {
            ...requestOf(options),
            onText: (delta: string) => {
              if (!delta) return;
              if (!started) controller.enqueue({ type: 'text-start', id: 't0' });
              started = true;
              controller.enqueue({ type: 'text-delta', id: 't0', delta });
            },
          };
          runLlamaChat(loaded, request).then(
            (result) => {
              if (started) controller.enqueue({ type: 'text-end', id: 't0' });
              result.toolCalls.forEach((call, index) => {
                const toolCallId = `call_${id}_${index}`;
                const input = JSON.stringify(call.arguments ?? {});
                controller.enqueue({ type: 'tool-input-start', id: toolCallId, toolName: call.name });
                controller.enqueue({ type: 'tool-input-delta', id: toolCallId, delta: input });
                controller.enqueue({ type: 'tool-input-end', id: toolCallId });
                controller.enqueue({ type: 'tool-call', toolCallId, toolName: call.name, input });
              });
              controller.enqueue({
                type: 'finish',
                finishReason: { unified: result.finishReason, raw: result.finishReason },
                usage: usageOf(result),
              });
              controller.close();
            },
            (error) => controller.error(error),
          );
        },
      });
      return { stream };
    },
  };
}

function requestOf(options: LanguageModelV3CallOptions): LlamaChatRequest {
  const tools = (options.tools ?? []).map((tool) => {
    if (tool.type !== 'function') {
      throw new GantryError(
        'LLAMA_REQUEST_INVALID',
        `The provider tool '${tool.name}' does not run on a local model.`,
        {
          hint: 'Give local models function tools only.',
        },
      );
    }
    return { name: tool.name, description: tool.description, parameters: tool.inputSchema };
  });
  const choice = options.toolChoice;
  const toolChoice: LlamaToolChoice | undefined =
    choice?.type === 'tool' ? { name: choice.toolName } : choice?.type;
  return {
    history: historyFromPrompt(options.prompt),
    tools,
    toolChoice,
    jsonSchema:
      options.responseFormat?.type === 'json'
        ? (options.responseFormat.schema ?? { type: 'object', additionalProperties: true })
        : undefined,
    maxTokens: options.maxOutputTokens,
    temperature: options.temperature,
    topP: options.topP,
    topK: options.topK,
    seed: options.seed,
    stop: options.stopSequences,
    signal: options.abortSignal,
  };
}

function contentOf(result: LlamaChatResult, call: number): LanguageModelV3Content[] {
  const content: LanguageModelV3Content[] = [];
  if (result.text) content.push({ type: 'text', text: result.text });
  for (const [index, c] of result.toolCalls.entries()) {
    content.push({
      type: 'tool-call',
      toolCallId: `call_${call}_${index}`,
      toolName: c.name,
      input: JSON.stringify(c.arguments ?? {}),
    });
  }
  return content;
}

function usageOf(result: LlamaChatResult): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: result.inputTokens,
      noCache: result.inputTokens,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: result.outputTokens, text: result.outputTokens, reasoning: undefined },
  };
}
