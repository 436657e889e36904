// One chat generation on a loaded engine: plain, grammar-constrained to a JSON schema, or with tools.
// Tools with toolChoice 'auto' use node-llama-cpp's function calling (the chat template's own syntax,
// arguments constrained by each tool's schema); 'required' or a named tool force a JSON call through a
// grammar ({"name": ..., "arguments": ...}), which guarantees a parseable call from any model.
import type { ChatHistoryItem, ChatModelFunctions, LlamaGrammar } from 'node-llama-cpp';
import { GantryError } from '../errors/index.js';
import type { LlamaEngine } from './llama-engine.js';
import { toGrammarSchema } from './to-grammar-schema.js';

export interface LlamaTool {
  name: string;
  description?: string;
  /** JSON schema of the arguments. */
  parameters?: unknown;
}

export type LlamaToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface LlamaChatRequest {
  /** Ends with the last user message (or tool results); the answer is generated after it. */
  history: ChatHistoryItem[];
  tools?: LlamaTool[];
  toolChoice?: LlamaToolChoice;
  /** Constrains the answer to JSON matching this schema. */
  jsonSchema?: unknown;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  stop?: string[];
  signal?: AbortSignal;
  onText?: (delta: string) => void;
}

export interface LlamaToolCall {
  name: string;
  arguments: unknown;
}

export interface LlamaChatResult {
  text: string;
  toolCalls: LlamaToolCall[];
  finishReason: 'stop' | 'length' | 'tool-calls';
  inputTokens: number;
  outputTokens: number;
}

export async function runLlamaChat(engine: LlamaEngine, request: LlamaChatRequest): Promise<LlamaChatResult> {
  const tools = request.toolChoice === 'none' ? [] : (request.tools ?? []);
  const forced = tools.length > 0 && request.toolChoice !== undefined && request.toolChoice !== 'auto';
  const grammar =
    request.jsonSchema !== undefined
      ? await engine.llama.createGrammarForJsonSchema(toGrammarSchema(request.jsonSchema) as never)
      : forced
        ? await forcedCallGrammar(engine, tools, request.toolChoice as 'required' | { name: string })
        : undefined;
  const functions = !grammar && tools.length > 0 ? functionsOf(tools) : undefined;
  return engine.withSlot(async ({ sequence, chat }) => {
    const before = sequence.tokenMeter.getState();
    const history: ChatHistoryItem[] = [...request.history, { type: 'model', response: [] }];
    const common = {
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      topP: request.topP,
      topK: request.topK,
      seed: request.seed,
      signal: request.signal,
      stopOnAbortSignal: false,
      customStopTriggers: request.stop,
      onTextChunk: request.onText,
    };
    const response = grammar
      ? await chat.generateResponse(history, { ...common, grammar: grammar as LlamaGrammar })
      : await chat.generateResponse(history, { ...common, functions });
    const after = sequence.tokenMeter.getState();
    const counts = {
      inputTokens: after.usedInputTokens - before.usedInputTokens,
      outputTokens: after.usedOutputTokens - before.usedOutputTokens,
    };
    const stopReason = response.metadata.stopReason;
    if (forced) {
      const call = JSON.parse(response.response) as { name: string; arguments: unknown };
      return { text: '', toolCalls: [call], finishReason: 'tool-calls', ...counts };
    }
    const calls = (response.functionCalls ?? []) as { functionName: string; params: unknown }[];
    const toolCalls = calls.map((c) => ({ name: c.functionName, arguments: c.params ?? {} }));
    return {
      text: response.response,
      toolCalls,
      finishReason: toolCalls.length > 0 ? 'tool-calls' : stopReason === 'maxTokens' ? 'length' : 'stop',
      ...counts,
    };
  });
}

function functionsOf(tools: LlamaTool[]): ChatModelFunctions {
  return Object.fromEntries(
    tools.map((t) => [
      t.name,
      {
        description: t.description,
        ...(hasParameters(t.parameters) ? { params: toGrammarSchema(t.parameters) } : {}),
      },
    ]),
  );
}

async function forcedCallGrammar(
  engine: LlamaEngine,
  tools: LlamaTool[],
  choice: 'required' | { name: string },
) {
  const chosen = typeof choice === 'object' ? tools.filter((t) => t.name === choice.name) : tools;
  if (chosen.length === 0) {
    throw new GantryError(
      'LLAMA_REQUEST_INVALID',
      `The tool choice names '${(choice as { name: string }).name}', which is not among the tools.`,
      {
        hint: `Name one of: ${tools.map((t) => t.name).join(', ')}.`,
      },
    );
  }
  const branches = chosen.map((t) => ({
    type: 'object',
    properties: {
      name: { const: t.name },
      arguments: hasParameters(t.parameters) ? t.parameters : { type: 'object', properties: {} },
    },
    required: ['name', 'arguments'],
  }));
  const schema = branches.length === 1 ? branches[0] : { oneOf: branches };
  return engine.llama.createGrammarForJsonSchema(toGrammarSchema(schema) as never);
}

function hasParameters(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as { type?: unknown; properties?: object };
  return !(s.type === 'object' && (!s.properties || Object.keys(s.properties).length === 0));
}
